// Guarantee 6 end to end into an OpenTelemetry pipeline (issue 16): a real
// client uploads over loopback to the collector, which forwards to an OTLP
// receiver; the device deletes events only once the pipeline has them.
// The pipeline down, answering 503, a partial success or a proxy's page:
// the device keeps the events, backs off and retries, nothing is lost, and
// a record seen twice downstream carries the same telegate.event_id. A
// revoked category is never forwarded; the deletion request arrives as a
// telegate.deletion_request record.
#include <sys/stat.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "collector_server.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "support/client_fixture.h"
#include "support/otlp_receiver.h"
#include "support/test_dir.h"
#include "upload_harness.h"

namespace telegate {
namespace {

using collector::CollectorOptions;
using collector::CollectorServer;
using ::telegate::testing::Buffered;
using ::telegate::testing::FindAttribute;
using ::telegate::testing::OpenOrDie;
using ::telegate::testing::OtlpLogRecord;
using ::telegate::testing::OtlpReceiver;
using ::telegate::testing::Pump;
using ::telegate::testing::PumpResult;
using ::telegate::testing::StringAttribute;
using ::telegate::testing::TestDir;
using ::telegate::testing::TestEnv;
using ::testing::ElementsAre;

// The tracked value an event's record carries ("query" or "order_id").
std::string Marker(const OtlpLogRecord& r) {
  std::string q = StringAttribute(r, "query");
  return q.empty() ? StringAttribute(r, "order_id") : q;
}

class UploadOtlpTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto receiver = OtlpReceiver::Start();
    ASSERT_TRUE(receiver.ok()) << receiver.status();
    receiver_ = *std::move(receiver);
    CollectorOptions options;
    options.forward_otlp_url = receiver_->url();
    options.output_path = dir_.Sub("collected.jsonl");
    auto server = CollectorServer::Start(options);
    ASSERT_TRUE(server.ok()) << server.status();
    collector_ = *std::move(server);
    transport_ = testing::MakeCurlTransport();
    ASSERT_NE(transport_, nullptr);
    ::mkdir(dir_.Sub("data").c_str(), 0700);
    options_ = env_.Options(dir_.Sub("data"));
    options_.app_id = "com.example.shop";
    options_.upload.max_batch_events = 37;
    options_.max_batch_delay = absl::Milliseconds(1);
    Open(options_);
  }

  void Open(const ClientOptions& options) {
    client_.reset();
    client_ = OpenOrDie(options);
    ASSERT_NE(client_, nullptr);
    ASSERT_TRUE(client_->SetEndpoints({{collector_->url(), "CN"}}).ok());
  }

  // Tracks `n` searches and every third an order; returns their markers.
  std::set<std::string> Track(int n, const std::string& prefix) {
    EXPECT_TRUE(client_->SetConsent("log.search", true).ok());
    EXPECT_TRUE(client_->SetConsent("order", true).ok());
    std::set<std::string> tracked;
    for (int i = 0; i < n; ++i) {
      std::string q = absl::StrCat(prefix, "-search-", i);
      EXPECT_TRUE(client_->Track("log.search", "search", {{"query", q}}).ok());
      tracked.insert(q);
      if (i % 3 == 0) {
        std::string o = absl::StrCat(prefix, "-order-", i);
        EXPECT_TRUE(client_->Track("order", "order", {{"order_id", o}}).ok());
        tracked.insert(o);
      }
    }
    EXPECT_TRUE(client_->Flush(absl::Seconds(10)).ok());
    return tracked;
  }

  // Markers of the records the pipeline accepted, each once; fails the
  // test if one was accepted twice.
  std::set<std::string> AcceptedOnce() {
    std::set<std::string> markers;
    for (const OtlpLogRecord& r : receiver_->AcceptedRecords()) {
      EXPECT_TRUE(markers.insert(Marker(r)).second)
          << Marker(r) << " accepted twice";
    }
    return markers;
  }

  // Every record the receiver ever decoded (accepted or not): the same
  // event always carries the same telegate.event_id, and two events never
  // share one.
  void ExpectDuplicatesOnlyWithTheSameEventId() {
    std::map<std::string, std::string> id_of;
    std::map<std::string, std::string> marker_of;
    for (const OtlpLogRecord& r : receiver_->ReceivedRecords()) {
      const std::string id = StringAttribute(r, "telegate.event_id");
      const std::string marker = Marker(r);
      ASSERT_EQ(id.size(), 32u);
      auto [m, new_marker] = id_of.emplace(marker, id);
      EXPECT_EQ(m->second, id) << marker << " arrived with two event ids";
      auto [i, new_id] = marker_of.emplace(id, marker);
      EXPECT_EQ(i->second, marker) << "two events share the id " << id;
    }
  }

  TestDir dir_;
  TestEnv env_;
  ClientOptions options_;
  std::unique_ptr<OtlpReceiver> receiver_;
  std::unique_ptr<CollectorServer> collector_;
  std::unique_ptr<desktop::CurlTransport> transport_;
  std::unique_ptr<Client> client_;
};

TEST_F(UploadOtlpTest, EveryEventReachesThePipelineBeforeItLeavesTheDevice) {
  std::set<std::string> tracked = Track(100, "all");
  PumpResult run = Pump(client_.get(), transport_.get(), &env_.clock);
  ASSERT_TRUE(run.finished);
  EXPECT_EQ(run.retried, 0);
  EXPECT_EQ(Buffered(client_.get()), 0);
  EXPECT_EQ(AcceptedOnce(), tracked);
  for (const testing::OtlpRequest& request : receiver_->accepted()) {
    const auto& resource = request.resource_logs(0).resource().attributes();
    EXPECT_EQ(FindAttribute(resource, "service.name")->string_value(),
              "com.example.shop");
    EXPECT_EQ(FindAttribute(resource, "telemetry.sdk.version")->string_value(),
              TELEGATE_SDK_VERSION);
  }
  EXPECT_EQ(collector_->stats().forwarded,
            static_cast<int64_t>(tracked.size()));
}

struct Failure {
  const char* name;
  OtlpReceiver::Answer answer;
  bool down;
};

void PrintTo(const Failure& failure, std::ostream* os) { *os << failure.name; }

class PipelineFailureTest : public UploadOtlpTest,
                            public ::testing::WithParamInterface<Failure> {};

TEST_P(PipelineFailureTest, TheDeviceKeepsTheEventsBacksOffAndRetries) {
  std::set<std::string> tracked = Track(60, "kept");
  const int64_t buffered = Buffered(client_.get());
  ASSERT_EQ(buffered, static_cast<int64_t>(tracked.size()));
  if (GetParam().down) {
    receiver_->Stop();
  } else {
    receiver_->SetAnswer(GetParam().answer);
  }
  PumpResult failing =
      Pump(client_.get(), transport_.get(), &env_.clock, /*max_steps=*/12);
  EXPECT_FALSE(failing.finished) << "the pipeline took nothing";
  EXPECT_GT(failing.retried, 0);
  EXPECT_GT(failing.waits, 0) << "the device backs off";
  EXPECT_EQ(failing.acknowledged, 0);
  EXPECT_EQ(Buffered(client_.get()), buffered) << "nothing deleted";
  EXPECT_TRUE(receiver_->accepted().empty());
  EXPECT_EQ(client_->GetDropCounts().upload_rejected, 0);

  if (GetParam().down) {
    ASSERT_TRUE(receiver_->Restart().ok());
  } else {
    receiver_->SetAnswer(OtlpReceiver::Answer::kAccept);
  }
  PumpResult healed = Pump(client_.get(), transport_.get(), &env_.clock);
  ASSERT_TRUE(healed.finished);
  EXPECT_EQ(Buffered(client_.get()), 0);
  EXPECT_EQ(AcceptedOnce(), tracked) << "nothing lost";
  ExpectDuplicatesOnlyWithTheSameEventId();
}

INSTANTIATE_TEST_SUITE_P(
    EveryFailure, PipelineFailureTest,
    ::testing::Values(
        Failure{"Down", OtlpReceiver::Answer::kAccept, true},
        Failure{"Unavailable", OtlpReceiver::Answer::kUnavailable, false},
        Failure{"PartialSuccess", OtlpReceiver::Answer::kPartialSuccess, false},
        Failure{"NotOtlp", OtlpReceiver::Answer::kNotOtlp, false}),
    [](const ::testing::TestParamInfo<Failure>& info) {
      return std::string(info.param.name);
    });

TEST_F(UploadOtlpTest, IntermittentFailuresLoseNothingAndDuplicateOnlyById) {
  std::set<std::string> tracked = Track(600, "mixed");
  // Every 3rd forward gets a partial success (some records may be in the
  // pipeline, but not all); every 4th device request has its
  // acknowledgement lost after the forward succeeded.
  receiver_->SetAnswerEvery(3, OtlpReceiver::Answer::kPartialSuccess);
  collector_->SetDropEvery(4);
  PumpResult run = Pump(client_.get(), transport_.get(), &env_.clock);
  ASSERT_TRUE(run.finished);
  EXPECT_GT(run.retried, 0);
  EXPECT_EQ(Buffered(client_.get()), 0);
  // Each event accepted by the pipeline exactly once: a batch re-sent after
  // a lost acknowledgement is recognised by the collector's window.
  EXPECT_EQ(AcceptedOnce(), tracked);
  collector::CollectorStats stats = collector_->stats();
  EXPECT_GT(stats.forward_failures, 0);
  EXPECT_GT(stats.dropped, 0);
  EXPECT_GT(stats.duplicates, 0);
  // What the pipeline saw more than once (the partially accepted requests)
  // carries the same event id each time.
  EXPECT_GT(receiver_->ReceivedRecords().size(), tracked.size());
  ExpectDuplicatesOnlyWithTheSameEventId();
}

TEST_F(UploadOtlpTest, ARevokedCategoryIsNeverForwarded) {
  std::set<std::string> tracked = Track(30, "REVOKED");
  // A batch holding both categories is handed out, then the user revokes
  // search logs before it is sent.
  UploadTask before = testing::NextTask(client_.get());
  ASSERT_EQ(before.kind, UploadTask::Kind::kUpload);
  ASSERT_TRUE(client_->SetConsent("log.search", false).ok());
  EXPECT_FALSE(before.request.control->BeginSend());
  PumpResult run = Pump(client_.get(), transport_.get(), &env_.clock);
  ASSERT_TRUE(run.finished);
  EXPECT_EQ(Buffered(client_.get()), 0);
  std::set<std::string> orders;
  for (const std::string& t : tracked) {
    if (absl::StrContains(t, "-order-")) orders.insert(t);
  }
  EXPECT_EQ(AcceptedOnce(), orders);
  for (const OtlpLogRecord& r : receiver_->ReceivedRecords()) {
    EXPECT_EQ(StringAttribute(r, "telegate.category"), "order");
  }
  // In the bytes too; the kept category's marker is there (positive
  // control).
  int kept = 0;
  for (const std::string& body : receiver_->bodies()) {
    EXPECT_FALSE(absl::StrContains(body, "REVOKED-search"));
    kept += absl::StrContains(body, "REVOKED-order-0");
  }
  EXPECT_EQ(kept, 1);
}

TEST_F(UploadOtlpTest, TheDeletionRequestArrivesAsALogRecord) {
  env_.permissions.SetQuietly("READ_PHONE_STATE", true);
  Open(options_);  // sees the permission at start
  const std::string install_id = testing::CollectInstallId(client_.get());
  ASSERT_FALSE(install_id.empty());
  ASSERT_TRUE(client_->DeleteAllData().ok());
  // The pipeline is down at first: the request waits on the device.
  receiver_->SetAnswer(OtlpReceiver::Answer::kUnavailable);
  PumpResult failing =
      Pump(client_.get(), transport_.get(), &env_.clock, /*max_steps=*/6);
  EXPECT_FALSE(failing.finished);
  EXPECT_TRUE(collector_->retired_install_ids().empty());
  receiver_->SetAnswer(OtlpReceiver::Answer::kAccept);
  ASSERT_TRUE(Pump(client_.get(), transport_.get(), &env_.clock).finished);

  std::vector<OtlpLogRecord> records = receiver_->AcceptedRecords();
  ASSERT_EQ(records.size(), 1u) << "the deletion request, and nothing else";
  const OtlpLogRecord& r = records[0];
  EXPECT_EQ(r.event_name(), "telegate.deletion_request");
  const testing::OtlpAnyValue* ids =
      FindAttribute(r.attributes(), "telegate.install_ids");
  ASSERT_NE(ids, nullptr);
  ASSERT_EQ(ids->array_value().values_size(), 1);
  EXPECT_EQ(ids->array_value().values(0).string_value(), install_id);
  EXPECT_THAT(collector_->retired_install_ids(), ElementsAre(install_id));
}

}  // namespace
}  // namespace telegate
