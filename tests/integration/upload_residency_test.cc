// Data residency and partner recipients, over real HTTP: a batch holds only
// categories allowed in its endpoint's region (or explicitly consented to
// cross the border, durably); a partner endpoint never receives an
// identifying or sensitive category, and identifying attributes are
// stripped from what it does receive.
#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "collector_server.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "support/client_fixture.h"
#include "support/test_dir.h"
#include "telegate/policy.pb.h"
#include "upload_harness.h"

namespace telegate {
namespace {

using collector::CollectorServer;
using ::telegate::testing::Buffered;
using ::telegate::testing::OpenOrDie;
using ::telegate::testing::Pump;
using ::telegate::testing::TestDir;
using ::telegate::testing::TestEnv;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

std::set<std::string> CategoriesReceived(const CollectorServer& server) {
  std::set<std::string> categories;
  for (const proto::Event& e : server.events()) categories.insert(e.category());
  return categories;
}

// A policy with one category of each kind that matters here.
std::string TestPolicy() {
  proto::Policy policy;
  policy.set_version_major(1);
  auto add = [&policy](const char* name, proto::Sensitivity sensitivity,
                       bool identifying, const char* region) {
    proto::Category* c = policy.add_categories();
    c->set_name(name);
    c->set_sensitivity(sensitivity);
    c->set_identifying(identifying);
    c->add_allowed_regions(region);
    c->mutable_android()->set_available(true);
    c->mutable_ios()->set_available(true);
    proto::EventSpec* e = c->add_events();
    e->set_name("seen");
    proto::AttributeSpec* a = e->add_attributes();
    a->set_key("screen");
    a->set_type(proto::STRING);
    proto::AttributeSpec* id = e->add_attributes();
    id->set_key("install_id");
    id->set_type(proto::STRING);
    id->set_identifying(true);
  };
  add("app.usage", proto::PERSONAL, false, "*");         // anywhere, partners too
  add("app.search", proto::PERSONAL, false, "CN");       // in China only
  add("app.account", proto::PERSONAL, true, "CN");       // identifying
  add("app.payment", proto::SENSITIVE, false, "CN");     // sensitive
  return policy.SerializeAsString();
}

constexpr const char* kCategories[] = {"app.usage", "app.search", "app.account",
                                       "app.payment"};

class UploadResidencyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (auto* server : {&cn_, &us_, &partner_}) {
      auto started = CollectorServer::Start({});
      ASSERT_TRUE(started.ok()) << started.status();
      *server = *std::move(started);
    }
    transport_ = testing::MakeCurlTransport();
    Open();
    for (const char* c : kCategories) {
      ASSERT_TRUE(client_->SetConsent(c, true).ok()) << c;
    }
  }

  void Open() {
    client_.reset();
    ClientOptions options = env_.Options(dir_.path());
    options.policy_document = TestPolicy();
    client_ = OpenOrDie(options);
    ASSERT_NE(client_, nullptr);
  }

  void TrackAll(const std::string& tag) {
    for (const char* c : kCategories) {
      ASSERT_TRUE(client_
                      ->Track(c, "seen",
                              {{"screen", absl::StrCat(tag, "-", c)},
                               {"install_id", "INSTALL-ID-MARKER"}})
                      .ok());
    }
    ASSERT_TRUE(client_->Flush(absl::Seconds(10)).ok());
  }

  void UploadAll() {
    testing::PumpResult run = Pump(client_.get(), transport_.get(), &env_.clock);
    ASSERT_TRUE(run.finished);
    EXPECT_EQ(run.retried, 0);
  }

  TestDir dir_;
  TestEnv env_;
  std::unique_ptr<CollectorServer> cn_, us_, partner_;
  std::unique_ptr<desktop::CurlTransport> transport_;
  std::unique_ptr<Client> client_;
};

TEST_F(UploadResidencyTest, EachBatchHoldsOnlyCategoriesAllowedInItsRegion) {
  ASSERT_TRUE(client_
                  ->SetEndpoints({{us_->url(), "US", false},
                                  {cn_->url(), "CN", false}})
                  .ok());
  TrackAll("a");
  UploadAll();
  // "*" may go to the US endpoint (the first choice); the rest stays in CN.
  EXPECT_THAT(CategoriesReceived(*us_), ElementsAre("app.usage"));
  EXPECT_THAT(CategoriesReceived(*cn_),
              UnorderedElementsAre("app.search", "app.account", "app.payment"));
  for (const auto& batch : us_->batches()) EXPECT_EQ(batch.header.region(), "US");
  for (const auto& batch : cn_->batches()) EXPECT_EQ(batch.header.region(), "CN");
  EXPECT_EQ(Buffered(client_.get()), 0);
}

TEST_F(UploadResidencyTest, WithoutAnAllowedEndpointEventsStayOnTheDevice) {
  ASSERT_TRUE(client_->SetEndpoints({{us_->url(), "US", false}}).ok());
  TrackAll("b");
  UploadAll();
  EXPECT_THAT(CategoriesReceived(*us_), ElementsAre("app.usage"));
  EXPECT_EQ(Buffered(client_.get()), 3);
  EXPECT_EQ(client_->GetUploadTask()->kind, UploadTask::Kind::kDone);
}

TEST_F(UploadResidencyTest, CrossBorderUploadNeedsAnExplicitDurableConsent) {
  ASSERT_TRUE(client_->SetEndpoints({{us_->url(), "US", false}}).ok());
  TrackAll("c");
  UploadAll();
  ASSERT_EQ(Buffered(client_.get(), "app.search"), 1);

  ASSERT_TRUE(client_->SetCrossBorderConsent("app.search", "US", true).ok());
  UploadAll();
  EXPECT_THAT(CategoriesReceived(*us_),
              UnorderedElementsAre("app.usage", "app.search"));
  EXPECT_EQ(Buffered(client_.get(), "app.search"), 0);

  // Recorded in the encrypted database: it holds after a restart.
  Open();
  ASSERT_TRUE(client_->SetEndpoints({{us_->url(), "US", false}}).ok());
  TrackAll("d");
  UploadAll();
  EXPECT_EQ(Buffered(client_.get(), "app.search"), 0);

  // Withdrawn: a batch already handed out that relies on it is cancelled,
  // and nothing more of the category crosses.
  TrackAll("e");
  absl::StatusOr<UploadTask> task = client_->GetUploadTask();
  ASSERT_EQ(task->kind, UploadTask::Kind::kUpload);
  ASSERT_EQ(testing::CategoriesOf(testing::DecodeOrDie(task->request.body))
                .count("app.search"),
            1u);
  ASSERT_TRUE(client_->SetCrossBorderConsent("app.search", "US", false).ok());
  EXPECT_FALSE(task->request.control->BeginSend());
  UploadAll();
  EXPECT_EQ(Buffered(client_.get(), "app.search"), 1);
  for (const auto& batch : us_->batches()) {
    for (const proto::Event& e : batch.events) {
      EXPECT_FALSE(e.category() == "app.search" &&
                   e.attributes(0).string_value() == "e-app.search");
    }
  }
  // A consent for another category or region is not this one.
  ASSERT_TRUE(client_->SetCrossBorderConsent("app.search", "SG", true).ok());
  ASSERT_TRUE(client_->SetCrossBorderConsent("app.account", "US", true).ok());
  UploadAll();
  EXPECT_EQ(Buffered(client_.get(), "app.search"), 1);
  EXPECT_EQ(Buffered(client_.get(), "app.account"), 0);
}

TEST_F(UploadResidencyTest, CrossBorderConsentIsValidated) {
  EXPECT_EQ(client_->SetCrossBorderConsent("nope", "US", true).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(client_->SetCrossBorderConsent("app.search", "usa", true).code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(UploadResidencyTest, PartnersGetNoIdentifyingOrSensitiveDataAndNoIdentifiers) {
  ASSERT_TRUE(client_
                  ->SetEndpoints({{partner_->url(), "CN", true},
                                  {cn_->url(), "CN", false}})
                  .ok());
  TrackAll("f");
  UploadAll();
  EXPECT_THAT(CategoriesReceived(*partner_),
              UnorderedElementsAre("app.usage", "app.search"));
  EXPECT_THAT(CategoriesReceived(*cn_),
              UnorderedElementsAre("app.account", "app.payment"));
  for (const auto& batch : partner_->batches()) {
    EXPECT_TRUE(batch.header.partner());
    for (const proto::Event& e : batch.events) {
      ASSERT_EQ(e.attributes_size(), 1);
      EXPECT_EQ(e.attributes(0).key(), "screen");
      EXPECT_EQ(e.consent_epoch(), 0u);
    }
  }
  // The first-party collector gets the events whole.
  for (const proto::Event& e : cn_->events()) {
    EXPECT_EQ(e.attributes_size(), 2);
    EXPECT_GT(e.consent_epoch(), 0u);
  }
}

TEST_F(UploadResidencyTest, APartnerAloneLeavesEverythingElseBuffered) {
  ASSERT_TRUE(client_->SetEndpoints({{partner_->url(), "CN", true}}).ok());
  // Not even with a cross-border consent does a partner get sensitive data.
  ASSERT_TRUE(client_->SetCrossBorderConsent("app.payment", "CN", true).ok());
  TrackAll("g");
  UploadAll();
  EXPECT_THAT(CategoriesReceived(*partner_),
              UnorderedElementsAre("app.usage", "app.search"));
  EXPECT_EQ(Buffered(client_.get(), "app.account"), 1);
  EXPECT_EQ(Buffered(client_.get(), "app.payment"), 1);
  EXPECT_THAT(cn_->events(), IsEmpty());
}

TEST_F(UploadResidencyTest, EndpointsAreValidatedHttpsOnlyExceptLoopback) {
  absl::Status remote_http =
      client_->SetEndpoints({{"http://collector.example/v1", "CN", false}});
  EXPECT_EQ(remote_http.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(client_->SetEndpoints({{cn_->url(), "china", false}}).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(client_
                ->SetEndpoints({{cn_->url(), "CN", false},
                                {cn_->url(), "CN", true}})
                .code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(client_->SetEndpoints({{"https://collector.example/v1", "CN"}}).ok());
  // A refused list leaves the previous one in place.
  EXPECT_FALSE(client_->SetEndpoints({{"http://10.1.2.3/", "CN"}}).ok());
  TrackAll("h");
  absl::StatusOr<UploadTask> task = client_->GetUploadTask();
  ASSERT_EQ(task->kind, UploadTask::Kind::kUpload);
  EXPECT_EQ(task->request.url, "https://collector.example/v1");
  // The transport checks too: plain http to a remote host is never sent.
  UploadRequest forged = task->request;
  forged.url = "http://collector.example/v1";
  UploadResponse response = transport_->Send(forged);
  EXPECT_EQ(response.http_status, 0);
  EXPECT_THAT(response.error, ::testing::HasSubstr("must use https"));
}

}  // namespace
}  // namespace telegate
