// Failed uploads back off exponentially with full jitter up to a cap, timed
// by the Env clock (a fake one here: no test waits for, or measures, real
// time).
#include <algorithm>
#include <vector>

#include "absl/strings/str_cat.h"
#include "collector_server.h"
#include "gtest/gtest.h"
#include "support/client_fixture.h"
#include "support/test_dir.h"
#include "upload_harness.h"

namespace telegate {
namespace {

using collector::CollectorServer;
using ::telegate::testing::Buffered;
using ::telegate::testing::OpenOrDie;
using ::telegate::testing::TestDir;
using ::telegate::testing::TestEnv;

constexpr absl::Duration kBase = absl::Seconds(1);
constexpr absl::Duration kCap = absl::Seconds(60);

// min(cap, base * 2^(n-1)), written out independently of the code under test.
absl::Duration ExpectedBound(int failures) {
  if (failures >= 7) return kCap;  // 2^6 s = 64 s > 60 s
  return kBase * (1 << (failures - 1));
}

class UploadBackoffTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto server = CollectorServer::Start({});
    ASSERT_TRUE(server.ok()) << server.status();
    collector_ = *std::move(server);
    collector_->SetFailEvery(1);  // every request fails until told otherwise
    transport_ = testing::MakeCurlTransport();
    ClientOptions options = env_.Options(dir_.path());
    options.upload.backoff_base = kBase;
    options.upload.backoff_cap = kCap;
    options.upload.task_lease = absl::Hours(24);
    client_ = OpenOrDie(options);
    ASSERT_NE(client_, nullptr);
    ASSERT_TRUE(client_->SetEndpoints({{collector_->url(), "CN"}}).ok());
    ASSERT_TRUE(client_->SetConsent("log.search", true).ok());
    for (int i = 0; i < 5; ++i) {
      ASSERT_TRUE(client_->Track("log.search", "search",
                                 {{"query", absl::StrCat("q", i)}})
                      .ok());
    }
    ASSERT_TRUE(client_->Flush(absl::Seconds(10)).ok());
  }

  // Sends the batch the client hands out now; returns the verdict.
  UploadVerdict SendOne() {
    absl::StatusOr<UploadTask> task = client_->GetUploadTask();
    EXPECT_TRUE(task.ok());
    EXPECT_EQ(task->kind, UploadTask::Kind::kUpload);
    if (!task.ok() || task->kind != UploadTask::Kind::kUpload) {
      return UploadVerdict::kDiscarded;
    }
    EXPECT_TRUE(task->request.control->BeginSend());
    UploadResponse response = transport_->Send(task->request);
    return *client_->ReportUploadResult(task->request.task_id, response);
  }

  // The wait the client asks for now (zero if it hands out a batch).
  absl::Duration WaitNow() {
    absl::StatusOr<UploadTask> task = client_->GetUploadTask();
    EXPECT_TRUE(task.ok());
    EXPECT_NE(task->kind, UploadTask::Kind::kDone);
    if (task->kind == UploadTask::Kind::kWait) return task->wait;
    // A batch: hand it back as failed so the test can go on.
    EXPECT_TRUE(task->request.control->BeginSend());
    UploadResponse response;
    response.http_status = 503;
    client_->ReportUploadResult(task->request.task_id, response).IgnoreError();
    return absl::ZeroDuration();
  }

  TestDir dir_;
  TestEnv env_;
  std::unique_ptr<CollectorServer> collector_;
  std::unique_ptr<desktop::CurlTransport> transport_;
  std::unique_ptr<Client> client_;
};

TEST_F(UploadBackoffTest, WaitsGrowExponentiallyWithFullJitterUpToTheCap) {
  std::vector<absl::Duration> waits;
  for (int failure = 1; failure <= 30; ++failure) {
    ASSERT_EQ(SendOne(), UploadVerdict::kRetry) << failure;
    absl::StatusOr<UploadTask> task = client_->GetUploadTask();
    ASSERT_TRUE(task.ok());
    absl::Duration wait = absl::ZeroDuration();
    if (task->kind == UploadTask::Kind::kWait) {
      wait = task->wait;
    } else {
      // Full jitter may draw a zero wait: the batch is handed out at once.
      ASSERT_EQ(task->kind, UploadTask::Kind::kUpload);
      ASSERT_TRUE(task->request.control->BeginSend());
      UploadResponse failed;
      failed.http_status = 503;
      ASSERT_EQ(*client_->ReportUploadResult(task->request.task_id, failed),
                UploadVerdict::kRetry);
      ++failure;
      task = client_->GetUploadTask();
      ASSERT_EQ(task->kind, UploadTask::Kind::kWait);
      wait = task->wait;
    }
    // Within [0, min(cap, base * 2^(n-1))].
    EXPECT_GE(wait, absl::ZeroDuration());
    EXPECT_LE(wait, ExpectedBound(failure)) << failure;
    waits.push_back(wait);
    // Not a moment before the wait is over (by the Env clock) ...
    if (wait > absl::Milliseconds(2)) {
      env_.clock.Advance(wait - absl::Milliseconds(1));
      absl::StatusOr<UploadTask> early = client_->GetUploadTask();
      ASSERT_EQ(early->kind, UploadTask::Kind::kWait);
      EXPECT_LE(early->wait, absl::Milliseconds(1));
      env_.clock.Advance(absl::Milliseconds(1));
    } else {
      env_.clock.Advance(wait);
    }
    // ... and at once when it is (the next SendOne expects a batch).
  }
  EXPECT_EQ(collector_->stats().requests, collector_->stats().failed);
  EXPECT_EQ(Buffered(client_.get()), 5);
  // Jitter spreads the waits; growth reaches far past the first bounds.
  // (All 24 waits after the 6th failure under 4 s would have probability
  // (4/60)^24.)
  EXPECT_GT(*std::max_element(waits.begin(), waits.end()), absl::Seconds(4));
  EXPECT_NE(waits[10], waits[11]);
}

TEST_F(UploadBackoffTest, RealTimeAloneNeverEndsAWait) {
  ASSERT_EQ(SendOne(), UploadVerdict::kRetry);
  absl::Duration first = WaitNow();
  for (int i = 0; i < 10 && first == absl::ZeroDuration(); ++i) {
    first = WaitNow();  // a zero draw: fail again until the client waits
  }
  ASSERT_GT(first, absl::ZeroDuration());
  // The fake clock has not moved: the wait stands, however long this takes.
  for (int i = 0; i < 3; ++i) {
    absl::StatusOr<UploadTask> task = client_->GetUploadTask();
    ASSERT_EQ(task->kind, UploadTask::Kind::kWait);
    EXPECT_EQ(task->wait, first);
  }
}

TEST_F(UploadBackoffTest, SuccessResetsTheBackoff) {
  for (int i = 0; i < 6; ++i) {
    ASSERT_EQ(SendOne(), UploadVerdict::kRetry);
    env_.clock.Advance(kCap);
  }
  collector_->SetFailEvery(0);
  ASSERT_EQ(SendOne(), UploadVerdict::kAcknowledged);
  EXPECT_EQ(Buffered(client_.get()), 0);
  // New events go out at once: no wait left over from the failures.
  ASSERT_TRUE(client_->Track("log.search", "search", {{"query", "later"}}).ok());
  ASSERT_TRUE(client_->Flush(absl::Seconds(10)).ok());
  ASSERT_EQ(SendOne(), UploadVerdict::kAcknowledged);
}

TEST_F(UploadBackoffTest, AnUnreachableEndpointBacksOffToo) {
  // Nothing listens on the collector's port once it is stopped.
  collector_->Stop();
  testing::PumpResult run =
      testing::Pump(client_.get(), transport_.get(), &env_.clock, 12);
  EXPECT_FALSE(run.finished);
  EXPECT_EQ(run.acknowledged, 0);
  EXPECT_GE(run.retried, 5);
  EXPECT_GE(run.waits, 4);
  EXPECT_EQ(Buffered(client_.get()), 5);
}

}  // namespace
}  // namespace telegate
