// The writer pipeline: a bounded queue in front of one writer thread that
// commits in batches (by size and by time). Flush and Close never wait past
// their timeout, even when the writer is stuck in a write that does not
// return; Track never blocks and never grows memory past the queue's bound.
#include <chrono>
#include <thread>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "support/client_fixture.h"
#include "support/fault_vfs.h"
#include "support/test_dir.h"
#include "util/files.h"

namespace telegate {
namespace {

using ::telegate::testing::FaultVfs;
using ::telegate::testing::OpenOrDie;
using ::telegate::testing::TestDir;
using ::telegate::testing::TestEnv;

int64_t Buffered(Client* client, const std::string& category) {
  for (const CategoryStatus& s : client->GetCategoryStatus()) {
    if (s.name == category) return s.buffered_events;
  }
  return -1;
}

// Waits (up to a generous bound; no timing is asserted) for `done`.
template <typename Fn>
bool Eventually(Fn done) {
  for (int i = 0; i < 3000; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return done();
}

TEST(WriterPipelineTest, ABatchIsCommittedWhenFullWithoutAFlush) {
  TestDir dir;
  TestEnv env;
  ClientOptions options = env.Options(dir.path());
  options.max_batch_events = 10;
  options.max_batch_delay = absl::Hours(1);
  auto client = OpenOrDie(options);
  ASSERT_NE(client, nullptr);
  ASSERT_TRUE(client->SetConsent("log.search", true).ok());
  for (int i = 0; i < 9; ++i) {
    ASSERT_TRUE(client->Track("log.search", "search", {{"query", "q"}}).ok());
  }
  ASSERT_TRUE(client->Track("log.search", "search", {{"query", "q"}}).ok());
  EXPECT_TRUE(
      Eventually([&] { return Buffered(client.get(), "log.search") == 10; }));
}

TEST(WriterPipelineTest, ABatchIsCommittedWhenItsOldestEventIsOldEnough) {
  TestDir dir;
  TestEnv env;
  ClientOptions options = env.Options(dir.path());
  options.max_batch_events = 1000;
  options.max_batch_delay = absl::Milliseconds(5);
  auto client = OpenOrDie(options);
  ASSERT_NE(client, nullptr);
  ASSERT_TRUE(client->SetConsent("log.search", true).ok());
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(client->Track("log.search", "search", {{"query", "q"}}).ok());
  }
  EXPECT_TRUE(
      Eventually([&] { return Buffered(client.get(), "log.search") == 3; }));
}

class StuckWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ClientOptions options = env_.Options(dir_.path());
    {
      // Consent is given with the default control timeout (creating the
      // files can take longer than 200 ms, e.g. under an emulator); the
      // client the tests use reopens with a short one.
      std::unique_ptr<Client> granting = OpenOrDie(options);
      ASSERT_NE(granting, nullptr);
      ASSERT_TRUE(granting->SetConsent("log.search", true).ok());
      ASSERT_TRUE(granting->SetConsent("order", true).ok());
      ASSERT_TRUE(granting->Close(absl::Seconds(30)).ok());
    }
    options.max_queued_events = 100;
    options.max_batch_events = 10;
    options.max_batch_delay = absl::Milliseconds(1);
    options.control_timeout = absl::Milliseconds(200);
    client_ = OpenOrDie(options);
    ASSERT_NE(client_, nullptr);
    // Every write below the data directory now hangs: the writer is stuck
    // in the middle of its next commit.
    vfs_.Set(FaultVfs::Fault::kStallWrites);
    ASSERT_TRUE(client_->Track("log.search", "search", {{"query", "x"}}).ok());
    ASSERT_TRUE(Eventually([&] { return vfs_.stalled(); }));
  }
  void TearDown() override {
    vfs_.Set(FaultVfs::Fault::kNone);  // let the writer finish
    if (client_) {
      // Also after a Close that timed out: this one waits for the writer.
      EXPECT_TRUE(client_->Close(absl::Seconds(30)).ok());
      client_.reset();
    }
  }

  TestDir dir_;
  FaultVfs vfs_{dir_.path()};  // outlives the client
  TestEnv env_;
  std::unique_ptr<Client> client_;
};

TEST_F(StuckWriterTest, FlushAndCloseReturnAtTheirTimeout) {
  EXPECT_EQ(client_->Flush(absl::Milliseconds(50)).code(),
            absl::StatusCode::kDeadlineExceeded);
  EXPECT_EQ(client_->Close(absl::Milliseconds(50)).code(),
            absl::StatusCode::kDeadlineExceeded);
  EXPECT_EQ(client_->Track("log.search", "search", {{"query", "y"}}).code(),
            absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(vfs_.stalled()) << "the writer really was stuck all along";
}

TEST_F(StuckWriterTest, TrackNeverBlocksAndTheQueueStaysBounded) {
  int accepted = 0, refused = 0;
  for (int i = 0; i < 5000; ++i) {
    absl::Status s = client_->Track("log.search", "search",
                                    {{"query", absl::StrCat("q", i)}});
    if (s.ok()) ++accepted;
    if (absl::IsResourceExhausted(s)) ++refused;
  }
  EXPECT_EQ(accepted + refused, 5000);
  // The queue holds 100; the stuck batch took at most 10 out of it.
  EXPECT_LE(accepted, 100 + 10);
  EXPECT_EQ(client_->GetDropCounts().queue_full, refused);
}

TEST_F(StuckWriterTest, ARevokeClosesTheCategoryAtOnceAndPurgesWhenUnstuck) {
  ASSERT_TRUE(client_->Track("order", "order", {{"order_id", "o"}}).ok());
  EXPECT_EQ(client_->SetConsent("log.search", false).code(),
            absl::StatusCode::kDeadlineExceeded);
  EXPECT_EQ(client_->Track("log.search", "search", {{"query", "z"}}).code(),
            absl::StatusCode::kPermissionDenied)
      << "closed for Track before the barrier completes";
  vfs_.Set(FaultVfs::Fault::kNone);
  EXPECT_TRUE(Eventually([&] {
    return !util_internal::PathExists(dir_.Sub("events/log.search.db"));
  }));
  ASSERT_TRUE(client_->Flush(absl::Seconds(30)).ok());
  EXPECT_EQ(Buffered(client_.get(), "log.search"), 0);
  EXPECT_EQ(Buffered(client_.get(), "order"), 1);
  EXPECT_FALSE(env_.keys.Has("telegate.category.log.search"));
}

}  // namespace
}  // namespace telegate
