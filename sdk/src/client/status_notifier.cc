#include "client/status_notifier.h"

#include <pthread.h>

#include <deque>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace telegate::client_internal {

struct StatusNotifier::State {
  explicit State(size_t max) : max_pending(max) {}

  // Keeps only the latest notification of each category, in the order of
  // those latest ones.
  void CompactLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) {
    std::set<std::string> seen;
    std::deque<CategoryChange> kept;
    for (auto it = pending.rbegin(); it != pending.rend(); ++it) {
      if (seen.insert(it->category).second) kept.push_front(std::move(*it));
    }
    pending.swap(kept);
  }

  const size_t max_pending;
  Mutex mu;
  CondVar wake;  // wakes the notification thread
  CondVar idle;  // wakes Remove and Stop when a call or the thread ends
  std::map<uint64_t, std::shared_ptr<const StatusObserver>> observers
      ABSL_GUARDED_BY(mu);
  uint64_t next_id ABSL_GUARDED_BY(mu) = 1;
  std::deque<CategoryChange> pending ABSL_GUARDED_BY(mu);
  uint64_t running ABSL_GUARDED_BY(mu) = 0;  // the observer being called
  bool started ABSL_GUARDED_BY(mu) = false;
  bool stop ABSL_GUARDED_BY(mu) = false;     // deliver what is pending, exit
  bool abandon ABSL_GUARDED_BY(mu) = false;  // exit after the current call
  bool exited ABSL_GUARDED_BY(mu) = false;
  std::thread::id thread_id ABSL_GUARDED_BY(mu);
};

StatusNotifier::StatusNotifier(size_t max_pending)
    : state_(std::make_shared<State>(max_pending == 0 ? 1 : max_pending)) {}

StatusNotifier::~StatusNotifier() {
  Stop(absl::InfinitePast()).IgnoreError();
  MutexLock lock(&thread_mu_);
  if (thread_.joinable()) thread_.detach();
}

absl::StatusOr<uint64_t> StatusNotifier::Add(StatusObserver observer) {
  if (!observer) {
    return absl::InvalidArgumentError("a status observer must be callable");
  }
  auto shared = std::make_shared<const StatusObserver>(std::move(observer));
  MutexLock thread_lock(&thread_mu_);
  uint64_t id;
  bool start;
  {
    MutexLock lock(&state_->mu);
    if (state_->stop) {
      return absl::FailedPreconditionError("client is closed");
    }
    id = state_->next_id++;
    state_->observers.emplace(id, std::move(shared));
    start = !state_->started;
    state_->started = true;
  }
  if (start) thread_ = std::thread(&StatusNotifier::Run, state_);
  return id;
}

absl::Status StatusNotifier::Remove(uint64_t id) {
  std::shared_ptr<const StatusObserver> removed;  // destroyed unlocked
  MutexLock lock(&state_->mu);
  auto it = state_->observers.find(id);
  if (it == state_->observers.end()) {
    return absl::NotFoundError("no status observer with this id");
  }
  removed = std::move(it->second);
  state_->observers.erase(it);
  if (std::this_thread::get_id() != state_->thread_id) {
    while (state_->running == id) state_->idle.Wait(&state_->mu);
  }
  return absl::OkStatus();
}

void StatusNotifier::Post(CategoryChange change) {
  MutexLock lock(&state_->mu);
  if (state_->stop || state_->observers.empty()) return;
  if (state_->pending.size() >= state_->max_pending) state_->CompactLocked();
  state_->pending.push_back(std::move(change));
  state_->wake.Signal();
}

absl::Status StatusNotifier::Stop(absl::Time deadline) {
  MutexLock thread_lock(&thread_mu_);
  bool exited;
  bool timed_out = false;
  {
    MutexLock lock(&state_->mu);
    state_->stop = true;
    state_->wake.SignalAll();
    if (!state_->started || std::this_thread::get_id() == state_->thread_id) {
      // Nothing runs, or an observer is stopping its own thread: it exits
      // once the current call returns and the queue is delivered.
      return absl::OkStatus();
    }
    while (!state_->exited) {
      if (state_->idle.WaitWithDeadline(&state_->mu, deadline) &&
          !state_->exited) {
        timed_out = !state_->pending.empty() || state_->running != 0;
        state_->abandon = true;
        state_->pending.clear();
        state_->wake.SignalAll();
        break;
      }
    }
    exited = state_->exited;
  }
  if (thread_.joinable()) {
    if (exited) {
      thread_.join();
    } else {
      thread_.detach();  // holds the state; ends after the current call
    }
  }
  if (timed_out) {
    return absl::DeadlineExceededError(
        "a status observer did not return in time; pending notifications "
        "were dropped");
  }
  return absl::OkStatus();
}

size_t StatusNotifier::pending_for_testing() const {
  MutexLock lock(&state_->mu);
  return state_->pending.size();
}

void StatusNotifier::Run(std::shared_ptr<State> state) {
  // Named for the host's traces and crash reports (at most 15 characters).
  pthread_setname_np(pthread_self(), "telegate-notify");
  State& s = *state;
  s.mu.Lock();
  s.thread_id = std::this_thread::get_id();
  for (;;) {
    while (!s.abandon && !s.stop && s.pending.empty()) s.wake.Wait(&s.mu);
    if (s.abandon || s.pending.empty()) break;  // stopped and delivered
    const CategoryChange change = std::move(s.pending.front());
    s.pending.pop_front();
    std::vector<uint64_t> ids;
    ids.reserve(s.observers.size());
    for (const auto& entry : s.observers) ids.push_back(entry.first);
    for (uint64_t id : ids) {
      if (s.abandon) break;
      auto it = s.observers.find(id);
      if (it == s.observers.end()) continue;  // removed meanwhile
      std::shared_ptr<const StatusObserver> observer = it->second;
      s.running = id;
      s.mu.Unlock();
      try {
        (*observer)(change);
      } catch (...) {
        // The host's exception never escapes into the client.
      }
      observer.reset();  // the last reference may be here: not under mu
      s.mu.Lock();
      s.running = 0;
      s.idle.SignalAll();
    }
  }
  s.exited = true;
  s.idle.SignalAll();
  s.mu.Unlock();
}

}  // namespace telegate::client_internal
