// Guarantee 6, "only https leaves the device", end to end over libcurl:
// plain http reaches a literal loopback address only — never through a
// proxy, never after a name lookup — and the transport refuses anything
// else even when handed it directly. The binary links the lookup spy
// (support/lookup_spy.h), which sees every getaddrinfo call of the process
// and can play a planted hosts-file entry.
#include <sys/stat.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "collector_server.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "support/client_fixture.h"
#include "support/lookup_spy.h"
#include "support/scripted_http_server.h"
#include "support/test_dir.h"
#include "upload_harness.h"

namespace telegate {
namespace {

using collector::CollectorOptions;
using collector::CollectorServer;
using ::telegate::testing::LookupSpy;
using ::telegate::testing::OpenOrDie;
using ::telegate::testing::Pump;
using ::telegate::testing::PumpResult;
using ::telegate::testing::ScriptedHttpServer;
using ::telegate::testing::TestDir;
using ::telegate::testing::TestEnv;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// Sets an environment variable for one scope.
class ScopedEnvVar {
 public:
  ScopedEnvVar(const char* name, const std::string& value) : name_(name) {
    const char* old = std::getenv(name);
    if (old != nullptr) old_ = old;
    had_ = old != nullptr;
    ::setenv(name, value.c_str(), 1);
  }
  ~ScopedEnvVar() {
    if (had_) {
      ::setenv(name_, old_.c_str(), 1);
    } else {
      ::unsetenv(name_);
    }
  }

 private:
  const char* name_;
  std::string old_;
  bool had_ = false;
};

class PlaintextRouteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // The collector listens on 127.0.0.2, an address the default NOPROXY
    // list of old never named.
    CollectorOptions options;
    options.host = "127.0.0.2";
    auto server = CollectorServer::Start(options);
    ASSERT_TRUE(server.ok()) << server.status();
    collector_ = *std::move(server);
    transport_ = testing::MakeCurlTransport();
    ASSERT_NE(transport_, nullptr);
    std::string data = dir_.Sub("data");
    ::mkdir(data.c_str(), 0700);
    client_ = OpenOrDie(env_.Options(data));
    ASSERT_NE(client_, nullptr);
    ASSERT_TRUE(client_->SetConsent("log.search", true).ok());
  }

  // Tracks `n` searches and uploads them through the real transport.
  PumpResult TrackAndUpload(int n, const std::string& marker) {
    for (int i = 0; i < n; ++i) {
      EXPECT_TRUE(client_
                      ->Track("log.search", "search",
                              {{"query", absl::StrCat(marker, "-", i)}})
                      .ok());
    }
    EXPECT_TRUE(client_->Flush(absl::Seconds(10)).ok());
    return Pump(client_.get(), transport_.get(), &env_.clock, 20);
  }

  // A request as GetUploadTask would hand it out, to `url`.
  UploadRequest RequestTo(const std::string& url) {
    UploadRequest request;
    request.task_id = 1;
    request.url = url;
    request.body = "PLAINTEXT-BATCH-MARKER";
    request.event_count = 1;
    return request;
  }

  TestDir dir_;
  TestEnv env_;
  std::unique_ptr<CollectorServer> collector_;
  std::unique_ptr<desktop::CurlTransport> transport_;
  std::unique_ptr<Client> client_;
};

TEST_F(PlaintextRouteTest, ALoopbackBatchNeverGoesThroughAProxy) {
  // The proxy a host (or an attacker with the environment) configured: it
  // accepts and records, and would answer whatever it is sent.
  ScriptedHttpServer proxy;
  const std::string proxy_url = absl::StrCat("http://127.0.0.1:", proxy.port());
  ASSERT_TRUE(client_->SetEndpoints({{collector_->url(), "CN"}}).ok());
  int sent = 0;
  for (const char* variable :
       {"http_proxy", "HTTP_PROXY", "ALL_PROXY", "all_proxy"}) {
    SCOPED_TRACE(variable);
    ScopedEnvVar set(variable, proxy_url);
    PumpResult run = TrackAndUpload(3, variable);
    sent += 3;
    EXPECT_EQ(run.acknowledged, 1);
    EXPECT_EQ(collector_->stats().events, sent);
    EXPECT_EQ(proxy.connections(), 0);
  }
  EXPECT_EQ(proxy.requests(), 0);
}

TEST_F(PlaintextRouteTest, HttpsKeepsTheUsualProxyHandling) {
  // An https endpoint goes through the configured proxy (as a TLS tunnel):
  // the plain-http rules do not change https routing. The proxy refuses the
  // tunnel, so nothing is sent anywhere; the name is left to the proxy.
  ScriptedHttpServer proxy;
  proxy.SetAnswer(ScriptedHttpServer::Http(403, "no tunnel"));
  ScopedEnvVar set("https_proxy",
                   absl::StrCat("http://127.0.0.1:", proxy.port()));
  // Whatever the machine's own settings exempt, not this host.
  ScopedEnvVar no_exemption("no_proxy", "");
  ScopedEnvVar no_exemption_upper("NO_PROXY", "");
  LookupSpy::Reset();
  UploadResponse response =
      transport_->Send(RequestTo("https://collector.example/v1/batches"));
  EXPECT_EQ(response.http_status, 0);
  EXPECT_EQ(proxy.connections(), 1);
  EXPECT_EQ(LookupSpy::Lookups("collector.example"), 0);
}

TEST_F(PlaintextRouteTest, ALiteralLoopbackEndpointNeedsNoNameLookup) {
  ASSERT_TRUE(client_->SetEndpoints({{collector_->url(), "CN"}}).ok());
  LookupSpy::Reset();
  PumpResult run = TrackAndUpload(5, "literal");
  EXPECT_EQ(run.acknowledged, 1);
  EXPECT_EQ(collector_->stats().events, 5);
  EXPECT_THAT(LookupSpy::Names(), IsEmpty());
}

TEST_F(PlaintextRouteTest, ANameThatLooksLikeLoopbackIsNeverLookedUpOrSent) {
  // The attack: a hosts entry (played by the spy) points names that read
  // as loopback to "another machine" (a decoy listening on 127.0.0.1).
  // libcurl cannot read 127.0.0.08 as an address (08 is no octal number),
  // so it would look the name up and send the batch in clear to the decoy.
  ScriptedHttpServer decoy;
  decoy.SetAnswer(ScriptedHttpServer::Http(200, ""));
  const int port = decoy.port();
  for (const char* name :
       {"127.0.0.08", "localhost", "127.0.0.1.nip.io", "0127.0.0.1", "127.1"}) {
    SCOPED_TRACE(name);
    LookupSpy::PointNameAt(name, "127.0.0.1");
    const std::string url = absl::StrCat("http://", name, ":", port, "/b");
    // Refused where the host configures it...
    absl::Status set = client_->SetEndpoints({{url, "CN"}});
    EXPECT_EQ(set.code(), absl::StatusCode::kInvalidArgument);
    // ...and by the transport itself, handed the URL directly: before any
    // lookup or connection.
    LookupSpy::Reset();
    UploadResponse response = transport_->Send(RequestTo(url));
    EXPECT_EQ(response.http_status, 0);
    EXPECT_THAT(response.error, HasSubstr(name));
    EXPECT_THAT(LookupSpy::Names(), IsEmpty());
  }
  EXPECT_EQ(decoy.connections(), 0);
  EXPECT_EQ(decoy.requests(), 0);
}

TEST_F(PlaintextRouteTest, ThePlainHttpRulesHoldForIpv6Loopback) {
  CollectorOptions options;
  options.host = "::1";
  auto server = CollectorServer::Start(options);
  if (!server.ok())
    GTEST_SKIP() << "no IPv6 loopback here: " << server.status();
  const std::string url =
      absl::StrCat("http://[::1]:", (*server)->port(), "/v1/batches");
  ScriptedHttpServer proxy;
  ScopedEnvVar set("all_proxy",
                   absl::StrCat("http://127.0.0.1:", proxy.port()));
  ASSERT_TRUE(client_->SetEndpoints({{url, "CN"}}).ok());
  LookupSpy::Reset();
  PumpResult run = TrackAndUpload(2, "ipv6");
  EXPECT_EQ(run.acknowledged, 1);
  EXPECT_EQ((*server)->stats().events, 2);
  EXPECT_EQ(proxy.connections(), 0);
  EXPECT_THAT(LookupSpy::Names(), IsEmpty());
}

}  // namespace
}  // namespace telegate
