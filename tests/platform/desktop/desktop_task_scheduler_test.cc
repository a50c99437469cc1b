#include "telegate/desktop/desktop_task_scheduler.h"

#include <condition_variable>
#include <mutex>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace telegate::desktop {
namespace {

using ::testing::ElementsAre;

// Collects what the tasks report, and lets the test wait for them.
class Log {
 public:
  void Add(int v) {
    std::lock_guard<std::mutex> lock(mu_);
    values_.push_back(v);
    cv_.notify_all();
  }
  // Waits (up to a generous bound, not an assertion on time) for n values.
  std::vector<int> WaitFor(size_t n) {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait_for(lock, std::chrono::seconds(30),
                 [&] { return values_.size() >= n; });
    return values_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<int> values_;
};

TEST(DesktopTaskSchedulerTest, NoThreadUntilSomethingIsScheduled) {
  DesktopTaskScheduler scheduler;
  EXPECT_FALSE(scheduler.started());
  Log log;
  scheduler.Schedule(absl::ZeroDuration(), [&] { log.Add(1); });
  EXPECT_TRUE(scheduler.started());
  EXPECT_THAT(log.WaitFor(1), ElementsAre(1));
}

TEST(DesktopTaskSchedulerTest, RunsDueTasksInOrderOnItsOwnThread) {
  DesktopTaskScheduler scheduler;
  Log log;
  std::thread::id ran_on;
  // Due later than the next one is scheduled, even on a slow machine (or
  // under TSan with the suite running alongside).
  scheduler.Schedule(absl::Seconds(2), [&] { log.Add(2); });
  scheduler.Schedule(absl::ZeroDuration(), [&] {
    ran_on = std::this_thread::get_id();
    log.Add(1);
  });
  EXPECT_THAT(log.WaitFor(2), ElementsAre(1, 2));
  EXPECT_NE(ran_on, std::this_thread::get_id());
  EXPECT_EQ(scheduler.pending(), 0u);
}

TEST(DesktopTaskSchedulerTest, ACancelledTaskNeverRuns) {
  DesktopTaskScheduler scheduler;
  Log log;
  // Far enough that a slow machine (or an emulator) cancels it in time.
  TaskScheduler::TaskId far =
      scheduler.Schedule(absl::Seconds(2), [&] { log.Add(99); });
  EXPECT_EQ(scheduler.pending(), 1u);
  scheduler.Cancel(far);
  scheduler.Cancel(far);    // twice is fine
  scheduler.Cancel(12345);  // unknown too
  EXPECT_EQ(scheduler.pending(), 0u);
  // Due after the cancelled one would have been.
  scheduler.Schedule(absl::Milliseconds(2100), [&] { log.Add(1); });
  EXPECT_THAT(log.WaitFor(1), ElementsAre(1))
      << "the cancelled one did not run";
}

TEST(DesktopTaskSchedulerTest, DestroyingDropsWhatIsPendingAndATaskMayThrow) {
  Log log;
  {
    DesktopTaskScheduler scheduler;
    scheduler.Schedule(absl::ZeroDuration(),
                       [] { throw std::runtime_error("boom"); });
    scheduler.Schedule(absl::ZeroDuration(), [&] { log.Add(1); });
    EXPECT_THAT(log.WaitFor(1), ElementsAre(1));
    scheduler.Schedule(absl::Hours(1), [&] { log.Add(2); });
  }
  EXPECT_THAT(log.WaitFor(1), ElementsAre(1));
}

}  // namespace
}  // namespace telegate::desktop
