// Track on a closed category is the call a host makes most (collectors run
// whether or not the user allowed them): it must not touch the heap. This
// binary replaces the global operator new with a counting one
// (support/alloc_counter.h) to prove it.
#include <thread>

#include "gtest/gtest.h"
#include "support/alloc_counter.h"
#include "support/client_fixture.h"
#include "support/test_dir.h"

namespace telegate {
namespace {

using ::telegate::testing::AllocScope;
using ::telegate::testing::OpenOrDie;
using ::telegate::testing::TestDir;
using ::telegate::testing::TestEnv;

constexpr int kCalls = 1000;

absl::Status TrackSearch(Client* client, int i) {
  return client->Track("log.search", "search",
                       {{"query", "red running shoes"}, {"results", i}});
}

class TrackAllocationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    client_ = OpenOrDie(env_.Options(dir_.path()));
    ASSERT_NE(client_, nullptr);
  }

  TestDir dir_;
  TestEnv env_;
  std::unique_ptr<Client> client_;
};

TEST_F(TrackAllocationTest, TrackOnAClosedCategoryAllocatesNothing) {
  int refused = 0;
  AllocScope scope;  // from the first call on
  for (int i = 0; i < kCalls; ++i) {
    refused += TrackSearch(client_.get(), i).code() ==
                       absl::StatusCode::kPermissionDenied
                   ? 1
                   : 0;
  }
  const int64_t allocations = scope.allocations();
  EXPECT_EQ(refused, kCalls);
  EXPECT_EQ(allocations, 0);
  EXPECT_EQ(client_->GetDropCounts().closed, kCalls);
}

TEST_F(TrackAllocationTest,
       AThreadsFirstTrackOnAClosedCategoryAllocatesNothing) {
  // A new thread takes its drop-counter slot on its first call.
  int64_t allocations = -1;
  std::thread caller([&] {
    AllocScope scope;
    TrackSearch(client_.get(), 1).IgnoreError();
    allocations = scope.allocations();
  });
  caller.join();
  EXPECT_EQ(allocations, 0);
  EXPECT_EQ(client_->GetDropCounts().closed, 1);
}

// Positive control: the counter sees the allocations of an open category's
// Track, so the zero above is a measurement. (The encoded events themselves
// come from the SDK's secure memory, util/secure_memory.h, which operator
// new never sees; the queue's blocks do.)
TEST_F(TrackAllocationTest, TheCounterSeesTheAllocationsOfAnOpenCategory) {
  ASSERT_TRUE(client_->SetConsent("log.search", true).ok());
  AllocScope scope;
  for (int i = 0; i < kCalls; ++i) {
    ASSERT_TRUE(TrackSearch(client_.get(), i).ok());
  }
  EXPECT_GT(scope.allocations(), 0);
}

}  // namespace
}  // namespace telegate
