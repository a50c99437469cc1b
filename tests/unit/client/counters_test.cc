// Drop counters: per-thread slots, shared counters when every slot is
// taken, slots handed back by exiting threads.
#include "client/counters.h"

#include <atomic>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace telegate::client_internal {
namespace {

TEST(CountersTest, SumsEveryThreadsAdditions) {
  Counters counters;
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&counters] {
      for (int i = 0; i < 1000; ++i) counters.Add(DropReason::kClosed);
      counters.Add(DropReason::kRevoked, 5);
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(counters.Get(DropReason::kClosed), 8000);
  EXPECT_EQ(counters.Get(DropReason::kRevoked), 40);
  EXPECT_EQ(counters.Snapshot().closed, 8000);
  EXPECT_EQ(counters.Snapshot().queue_full, 0);
}

TEST(CountersTest, MoreLiveThreadsThanSlotsShareCountersAndLoseNothing) {
  constexpr int kThreads = Counters::kThreadSlots + 36;
  Counters counters;
  std::atomic<int> ready{0};
  std::atomic<bool> go{false};
  std::atomic<int> without_slot{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      counters.Add(DropReason::kClosed);  // takes a slot, or none is left
      if (Counters::ThreadSlotForTesting() < 0) ++without_slot;
      ++ready;
      while (!go.load()) std::this_thread::yield();  // all alive at once
      for (int i = 0; i < 100; ++i) counters.Add(DropReason::kClosed);
    });
  }
  while (ready.load() < kThreads) std::this_thread::yield();
  go = true;
  for (std::thread& t : threads) t.join();
  EXPECT_GE(without_slot.load(), kThreads - Counters::kThreadSlots);
  EXPECT_EQ(counters.Get(DropReason::kClosed), kThreads * 101);
}

TEST(CountersTest, ExitedThreadsGiveTheirSlotsBack) {
  Counters counters;
  // Many more threads than slots, one after the other: each finds a slot.
  for (int t = 0; t < 3 * Counters::kThreadSlots; ++t) {
    int slot = -1;
    std::thread([&] {
      counters.Add(DropReason::kClosed, 2);
      slot = Counters::ThreadSlotForTesting();
    }).join();
    ASSERT_GE(slot, 0) << "thread " << t;
  }
  EXPECT_EQ(counters.Get(DropReason::kClosed), 2 * 3 * Counters::kThreadSlots);
}

}  // namespace
}  // namespace telegate::client_internal
