// Guarantee 6 over real HTTP on loopback: an event leaves the buffer only
// when the batch holding it is acknowledged; injected failures lose nothing
// and duplicate only as at-least-once delivery allows (the collector drops
// repeats by event id); nothing is uploaded before the first consent or
// while every category is closed.
#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "collector_server.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "support/client_fixture.h"
#include "support/forensics.h"
#include "support/test_dir.h"
#include "upload_harness.h"

namespace telegate {
namespace {

using collector::CollectorOptions;
using collector::CollectorServer;
using ::telegate::testing::Buffered;
using ::telegate::testing::DecodeOrDie;
using ::telegate::testing::OpenOrDie;
using ::telegate::testing::Pump;
using ::telegate::testing::PumpResult;
using ::telegate::testing::TestDir;
using ::telegate::testing::TestEnv;

class UploadAckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    CollectorOptions collector_options;
    collector_options.output_path = dir_.Sub("collected.jsonl");
    auto server = CollectorServer::Start(collector_options);
    ASSERT_TRUE(server.ok()) << server.status();
    collector_ = *std::move(server);
    transport_ = testing::MakeCurlTransport();
    ASSERT_NE(transport_, nullptr);
    Open(env_.Options(data_dir()));
  }

  std::string data_dir() {
    std::string d = dir_.Sub("data");
    mkdir(d.c_str(), 0700);
    return d;
  }

  void Open(ClientOptions options) {
    client_.reset();
    client_ = OpenOrDie(options);
    ASSERT_NE(client_, nullptr);
    ASSERT_TRUE(client_->SetEndpoints({{collector_->url(), "CN"}}).ok());
  }

  void TrackSearches(int n, const std::string& prefix) {
    for (int i = 0; i < n; ++i) {
      ASSERT_TRUE(client_
                      ->Track("log.search", "search",
                              {{"query", absl::StrCat(prefix, "-", i)}})
                      .ok());
    }
    ASSERT_TRUE(client_->Flush(absl::Seconds(10)).ok());
  }

  TestDir dir_;
  TestEnv env_;
  std::unique_ptr<CollectorServer> collector_;
  std::unique_ptr<desktop::CurlTransport> transport_;
  std::unique_ptr<Client> client_;
};

TEST_F(UploadAckTest, NothingIsUploadedBeforeTheFirstConsent) {
  absl::StatusOr<UploadTask> task = client_->GetUploadTask();
  ASSERT_TRUE(task.ok()) << task.status();
  EXPECT_EQ(task->kind, UploadTask::Kind::kDone);
  EXPECT_EQ(collector_->stats().requests, 0);
  // Asking created nothing on disk either.
  EXPECT_TRUE(testing::ListFilesRecursively(data_dir()).empty());
}

TEST_F(UploadAckTest, NothingIsUploadedWhileEveryCategoryIsClosed) {
  ASSERT_TRUE(client_->SetConsent("log.search", true).ok());
  TrackSearches(5, "closed");
  ASSERT_TRUE(client_->SetConsent("log.search", false).ok());
  PumpResult run = Pump(client_.get(), transport_.get(), &env_.clock);
  EXPECT_TRUE(run.finished);
  EXPECT_EQ(run.sent, 0);
  EXPECT_EQ(collector_->stats().requests, 0);
}

TEST_F(UploadAckTest, EventsLeaveTheBufferOnlyWhenTheirBatchIsAcknowledged) {
  ASSERT_TRUE(client_->SetConsent("log.search", true).ok());
  TrackSearches(10, "ACKED-MARKER");
  absl::StatusOr<UploadTask> task = client_->GetUploadTask();
  ASSERT_TRUE(task.ok());
  ASSERT_EQ(task->kind, UploadTask::Kind::kUpload);
  EXPECT_EQ(task->request.event_count, 10);
  EXPECT_EQ(DecodeOrDie(task->request.body).events.size(), 10u);
  // Handed out, even sent and stored by the collector: still buffered.
  ASSERT_TRUE(task->request.control->BeginSend());
  UploadResponse response = transport_->Send(task->request);
  EXPECT_EQ(response.http_status, 200);
  EXPECT_EQ(collector_->stats().events, 10);
  EXPECT_EQ(Buffered(client_.get(), "log.search"), 10);
  // Only the acknowledgement deletes them.
  absl::StatusOr<UploadVerdict> verdict =
      client_->ReportUploadResult(task->request.task_id, response);
  ASSERT_TRUE(verdict.ok());
  EXPECT_EQ(*verdict, UploadVerdict::kAcknowledged);
  EXPECT_EQ(Buffered(client_.get(), "log.search"), 0);
  // A second report of the same task changes nothing.
  EXPECT_EQ(*client_->ReportUploadResult(task->request.task_id, response),
            UploadVerdict::kDiscarded);
  // Gone from the file's pages too (secure_delete), not only from the count.
  absl::StatusOr<SecretBytes> key = env_.keys.Get("telegate.category.log.search");
  ASSERT_TRUE(key.ok());
  ASSERT_TRUE(client_->Close(absl::Seconds(10)).ok());
  EXPECT_EQ(*testing::CountEventRows(data_dir() + "/events/log.search.db", *key),
            0);
}

TEST_F(UploadAckTest, AFailedUploadKeepsEveryEvent) {
  ASSERT_TRUE(client_->SetConsent("log.search", true).ok());
  TrackSearches(10, "kept");
  collector_->SetFailEvery(1);
  absl::StatusOr<UploadTask> task = client_->GetUploadTask();
  ASSERT_EQ(task->kind, UploadTask::Kind::kUpload);
  ASSERT_TRUE(task->request.control->BeginSend());
  UploadResponse response = transport_->Send(task->request);
  EXPECT_EQ(response.http_status, 503);
  EXPECT_EQ(*client_->ReportUploadResult(task->request.task_id, response),
            UploadVerdict::kRetry);
  EXPECT_EQ(Buffered(client_.get(), "log.search"), 10);
  EXPECT_EQ(collector_->stats().events, 0);
}

TEST_F(UploadAckTest, InjectedFailuresLoseNothingAndDuplicatesAreOnlyRedeliveries) {
  ClientOptions options = env_.Options(data_dir());
  options.upload.max_batch_events = 37;
  options.max_batch_delay = absl::Milliseconds(1);
  Open(options);
  ASSERT_TRUE(client_->SetConsent("log.search", true).ok());
  ASSERT_TRUE(client_->SetConsent("order", true).ok());
  std::set<std::string> tracked;
  for (int i = 0; i < 600; ++i) {
    std::string q = absl::StrCat("search-", i);
    ASSERT_TRUE(client_->Track("log.search", "search", {{"query", q}}).ok());
    tracked.insert(q);
    if (i % 3 == 0) {
      std::string o = absl::StrCat("order-", i);
      ASSERT_TRUE(client_->Track("order", "order", {{"order_id", o}}).ok());
      tracked.insert(o);
    }
  }
  ASSERT_TRUE(client_->Flush(absl::Seconds(10)).ok());
  // Every 3rd request fails with 503; every 5th is stored, then its
  // connection dropped so the acknowledgement never arrives.
  collector_->SetFailEvery(3);
  collector_->SetDropEvery(5);

  PumpResult run = Pump(client_.get(), transport_.get(), &env_.clock);
  ASSERT_TRUE(run.finished);
  EXPECT_GT(run.retried, 0);
  EXPECT_GT(run.waits, 0);
  EXPECT_EQ(Buffered(client_.get()), 0);

  // No loss: every tracked event reached the collector exactly once after
  // deduplication by event id.
  std::set<std::string> received;
  for (const proto::Event& e : collector_->events()) {
    const proto::Attribute& a = e.attributes(0);
    EXPECT_TRUE(received.insert(a.string_value()).second) << a.string_value();
  }
  EXPECT_EQ(received, tracked);
  // Duplicates happened only because acknowledgements were lost: each
  // dropped batch is re-sent once it is retried.
  collector::CollectorStats stats = collector_->stats();
  EXPECT_GT(stats.dropped, 0);
  EXPECT_GT(stats.duplicates, 0);
  int64_t sent_events = 0;
  for (const collector::ReceivedBatch& b : collector_->batches()) {
    sent_events += static_cast<int64_t>(b.events.size());
  }
  EXPECT_EQ(sent_events, static_cast<int64_t>(tracked.size()) + stats.duplicates);
  EXPECT_EQ(client_->GetDropCounts().upload_rejected, 0);
  // The collector's JSON lines hold each event once.
  std::string lines = testing::ReadFileOrEmpty(dir_.Sub("collected.jsonl"));
  EXPECT_EQ(static_cast<size_t>(std::count(lines.begin(), lines.end(), '\n')),
            tracked.size());
}

TEST_F(UploadAckTest, EventsTrackedWhileABatchIsOutGoInTheNextOne) {
  ASSERT_TRUE(client_->SetConsent("log.search", true).ok());
  TrackSearches(3, "first");
  absl::StatusOr<UploadTask> first = client_->GetUploadTask();
  ASSERT_EQ(first->kind, UploadTask::Kind::kUpload);
  TrackSearches(2, "second");
  // One batch per endpoint at a time: nothing more until this one resolves.
  EXPECT_EQ(client_->GetUploadTask()->kind, UploadTask::Kind::kDone);
  ASSERT_TRUE(first->request.control->BeginSend());
  ASSERT_EQ(*client_->ReportUploadResult(first->request.task_id,
                                         transport_->Send(first->request)),
            UploadVerdict::kAcknowledged);
  absl::StatusOr<UploadTask> second = client_->GetUploadTask();
  ASSERT_EQ(second->kind, UploadTask::Kind::kUpload);
  collector::DecodedBatch batch = DecodeOrDie(second->request.body);
  ASSERT_EQ(batch.events.size(), 2u);
  EXPECT_EQ(batch.events[0].attributes(0).string_value(), "second-0");
}

TEST_F(UploadAckTest, ATaskNeverReportedIsTakenBackAfterItsLease) {
  ClientOptions options = env_.Options(data_dir());
  options.upload.task_lease = absl::Minutes(1);
  Open(options);
  ASSERT_TRUE(client_->SetConsent("log.search", true).ok());
  TrackSearches(3, "leased");
  absl::StatusOr<UploadTask> lost = client_->GetUploadTask();
  ASSERT_EQ(lost->kind, UploadTask::Kind::kUpload);
  // The host loses the task (crash of its upload worker, say).
  EXPECT_EQ(client_->GetUploadTask()->kind, UploadTask::Kind::kDone);
  env_.clock.Advance(absl::Seconds(59));
  EXPECT_EQ(client_->GetUploadTask()->kind, UploadTask::Kind::kDone);
  env_.clock.Advance(absl::Seconds(1));
  absl::StatusOr<UploadTask> again = client_->GetUploadTask();
  ASSERT_EQ(again->kind, UploadTask::Kind::kUpload);
  EXPECT_EQ(again->request.event_count, 3);
  // The lost one can no longer be sent.
  EXPECT_FALSE(lost->request.control->BeginSend());
  ASSERT_TRUE(again->request.control->BeginSend());
  EXPECT_EQ(*client_->ReportUploadResult(again->request.task_id,
                                         transport_->Send(again->request)),
            UploadVerdict::kAcknowledged);
  EXPECT_EQ(collector_->stats().events, 3);
}

TEST_F(UploadAckTest, PermanentRejectionsAreDroppedAndCounted) {
  ASSERT_TRUE(client_->SetConsent("log.search", true).ok());
  TrackSearches(4, "rejected");
  absl::StatusOr<UploadTask> task = client_->GetUploadTask();
  ASSERT_EQ(task->kind, UploadTask::Kind::kUpload);
  ASSERT_TRUE(task->request.control->BeginSend());
  UploadResponse response;
  response.http_status = 413;
  EXPECT_EQ(*client_->ReportUploadResult(task->request.task_id, response),
            UploadVerdict::kRejected);
  EXPECT_EQ(Buffered(client_.get()), 0);
  EXPECT_EQ(client_->GetDropCounts().upload_rejected, 4);
}

TEST_F(UploadAckTest, RunUploadsDeliversEverythingThroughTheTransport) {
  ASSERT_TRUE(client_->SetConsent("log.search", true).ok());
  TrackSearches(25, "driver");
  absl::StatusOr<UploadRunResult> run =
      RunUploads(*client_, *transport_, absl::Seconds(30));
  ASSERT_TRUE(run.ok()) << run.status();
  EXPECT_EQ(run->events_acknowledged, 25);
  EXPECT_EQ(run->batches_acknowledged, 1);
  EXPECT_FALSE(run->wait.has_value());
  EXPECT_EQ(collector_->stats().events, 25);
  EXPECT_EQ(Buffered(client_.get()), 0);
}

}  // namespace
}  // namespace telegate
