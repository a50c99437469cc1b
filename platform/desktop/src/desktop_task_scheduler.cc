#include "telegate/desktop/desktop_task_scheduler.h"

namespace telegate::desktop {

DesktopTaskScheduler::~DesktopTaskScheduler() {
  std::thread thread;
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
    queue_.clear();
    due_.clear();
    thread.swap(thread_);
  }
  cv_.notify_all();
  if (thread.joinable()) thread.join();
}

TaskScheduler::TaskId DesktopTaskScheduler::Schedule(
    absl::Duration delay, std::function<void()> task) {
  if (delay < absl::ZeroDuration()) delay = absl::ZeroDuration();
  // Far-future delays are capped so that time_point arithmetic never
  // overflows.
  if (delay > absl::Hours(24 * 365)) delay = absl::Hours(24 * 365);
  std::lock_guard<std::mutex> lock(mu_);
  TaskId id = next_id_++;
  if (stop_) return id;
  Clock::time_point due = Clock::now() + absl::ToChronoNanoseconds(delay);
  queue_.emplace(Key(due, id), std::move(task));
  due_.emplace(id, due);
  if (!thread_.joinable()) {
    thread_ = std::thread([this] { Main(); });
  }
  cv_.notify_all();
  return id;
}

void DesktopTaskScheduler::Cancel(TaskId id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = due_.find(id);
  if (it == due_.end()) return;
  queue_.erase(Key(it->second, id));
  due_.erase(it);
}

size_t DesktopTaskScheduler::pending() const {
  std::lock_guard<std::mutex> lock(mu_);
  return queue_.size();
}

bool DesktopTaskScheduler::started() const {
  std::lock_guard<std::mutex> lock(mu_);
  return thread_.joinable();
}

void DesktopTaskScheduler::Main() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stop_) {
    if (queue_.empty()) {
      cv_.wait(lock);  // nothing due: sleep until Schedule or shutdown
      continue;
    }
    auto first = queue_.begin();
    // A copy: Cancel may erase the entry (and its key) while we wait.
    const auto due = first->first.first;
    if (due > Clock::now()) {
      cv_.wait_until(lock, due);
      continue;
    }
    std::function<void()> task = std::move(first->second);
    due_.erase(first->first.second);
    queue_.erase(first);
    lock.unlock();
    try {
      task();
    } catch (...) {
      // A task must not take the timer thread (or the host) down.
    }
    task = nullptr;
    lock.lock();
  }
}

}  // namespace telegate::desktop
