// DesktopTaskScheduler: the desktop TaskScheduler — one timer thread,
// started on the first Schedule, that sleeps until the earliest task is due
// and waits without any timeout when there is none. So a client with every
// category closed (which schedules nothing) never wakes the process.
//
//   telegate::desktop::DesktopTaskScheduler scheduler;
//   env.scheduler = &scheduler;    // must outlive every client using it
#ifndef TELEGATE_DESKTOP_DESKTOP_TASK_SCHEDULER_H_
#define TELEGATE_DESKTOP_DESKTOP_TASK_SCHEDULER_H_

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <utility>

#include "telegate/export.h"
#include "telegate/task_scheduler.h"

namespace telegate::desktop {

// Thread-safe. Tasks run one at a time on the timer thread, in due order.
class TELEGATE_EXPORT DesktopTaskScheduler : public TaskScheduler {
 public:
  DesktopTaskScheduler() = default;
  // Stops the timer thread; tasks not yet run are dropped. Waits for a
  // running task; must not be called from one.
  ~DesktopTaskScheduler() override;
  DesktopTaskScheduler(const DesktopTaskScheduler&) = delete;
  DesktopTaskScheduler& operator=(const DesktopTaskScheduler&) = delete;

  TaskId Schedule(absl::Duration delay, std::function<void()> task) override;
  void Cancel(TaskId id) override;

  // Tasks waiting to run.
  size_t pending() const;
  // True once the timer thread exists (after the first Schedule).
  bool started() const;

 private:
  using Clock = std::chrono::steady_clock;
  using Key = std::pair<Clock::time_point, TaskId>;

  void Main();

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::map<Key, std::function<void()>> queue_;  // guarded by mu_
  std::map<TaskId, Clock::time_point> due_;     // guarded by mu_
  TaskId next_id_ = 1;                          // guarded by mu_
  bool stop_ = false;                           // guarded by mu_
  std::thread thread_;                          // guarded by mu_
};

}  // namespace telegate::desktop

#endif  // TELEGATE_DESKTOP_DESKTOP_TASK_SCHEDULER_H_
