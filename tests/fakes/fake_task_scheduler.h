// FakeTaskScheduler: a TaskScheduler on virtual time. Tasks run only when the
// test advances time, on the test's thread; every Schedule and Cancel is
// counted, so a test can prove the client scheduled nothing.
//
//   FakeTaskScheduler scheduler;
//   env.scheduler = &scheduler;
//   ...
//   EXPECT_EQ(scheduler.scheduled(), 0);
//   scheduler.Advance(absl::Hours(24));   // runs every task due by then
#ifndef TELEGATE_TESTS_FAKES_FAKE_TASK_SCHEDULER_H_
#define TELEGATE_TESTS_FAKES_FAKE_TASK_SCHEDULER_H_

#include <algorithm>
#include <functional>
#include <map>
#include <mutex>
#include <utility>
#include <vector>

#include "telegate/task_scheduler.h"

namespace telegate::testing {

// Thread-safe.
class FakeTaskScheduler : public TaskScheduler {
 public:
  TaskId Schedule(absl::Duration delay, std::function<void()> task) override {
    std::lock_guard<std::mutex> lock(mu_);
    ++scheduled_;
    TaskId id = next_id_++;
    tasks_.emplace(id, Pending{now_ + delay, std::move(task)});
    return id;
  }
  void Cancel(TaskId id) override {
    std::lock_guard<std::mutex> lock(mu_);
    ++cancels_;
    tasks_.erase(id);
  }

  // Moves virtual time forward by `d`, running every task due by then (and
  // any they schedule that is due by then) in due order, on this thread.
  // Returns how many ran.
  int Advance(absl::Duration d) {
    absl::Duration target;
    {
      std::lock_guard<std::mutex> lock(mu_);
      target = now_ + d;
    }
    int ran = 0;
    for (;;) {
      std::function<void()> task;
      {
        std::lock_guard<std::mutex> lock(mu_);
        auto next = tasks_.end();
        for (auto it = tasks_.begin(); it != tasks_.end(); ++it) {
          if (it->second.due <= target &&
              (next == tasks_.end() || it->second.due < next->second.due)) {
            next = it;
          }
        }
        if (next == tasks_.end()) {
          now_ = target;
          return ran;
        }
        if (next->second.due > now_) now_ = next->second.due;
        task = std::move(next->second.task);
        tasks_.erase(next);
      }
      task();
      ++ran;
    }
  }
  int RunDue() { return Advance(absl::ZeroDuration()); }

  // Schedule calls so far.
  int scheduled() const {
    std::lock_guard<std::mutex> lock(mu_);
    return scheduled_;
  }
  int cancels() const {
    std::lock_guard<std::mutex> lock(mu_);
    return cancels_;
  }
  // Tasks waiting to run.
  size_t pending() const {
    std::lock_guard<std::mutex> lock(mu_);
    return tasks_.size();
  }
  // How long from now each waiting task is due, soonest first.
  std::vector<absl::Duration> PendingDelays() const {
    std::lock_guard<std::mutex> lock(mu_);
    std::vector<absl::Duration> out;
    for (const auto& [id, p] : tasks_) out.push_back(p.due - now_);
    std::sort(out.begin(), out.end());
    return out;
  }

 private:
  struct Pending {
    absl::Duration due;  // virtual time since construction
    std::function<void()> task;
  };
  mutable std::mutex mu_;
  absl::Duration now_;
  std::map<TaskId, Pending> tasks_;
  TaskId next_id_ = 1;
  int scheduled_ = 0;
  int cancels_ = 0;
};

}  // namespace telegate::testing

#endif  // TELEGATE_TESTS_FAKES_FAKE_TASK_SCHEDULER_H_
