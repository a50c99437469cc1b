// Mutex and CondVar: std::mutex and std::condition_variable with clang
// thread-safety annotations.
//
// Why not absl::Mutex: Debian's abseil is not built with ThreadSanitizer, so
// TSan cannot see absl::Mutex's synchronisation and reports false races.
// std::mutex is intercepted by TSan; these wrappers keep -Wthread-safety.
//
//   telegate::Mutex mu_;
//   int count_ ABSL_GUARDED_BY(mu_);
//   { telegate::MutexLock lock(&mu_); ++count_; }
#ifndef TELEGATE_UTIL_MUTEX_H_
#define TELEGATE_UTIL_MUTEX_H_

#include <chrono>
#include <condition_variable>
#include <mutex>

#include "absl/base/thread_annotations.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace telegate {

// Thread-safe.
class ABSL_LOCKABLE Mutex {
 public:
  Mutex() = default;
  Mutex(const Mutex&) = delete;
  Mutex& operator=(const Mutex&) = delete;

  void Lock() ABSL_EXCLUSIVE_LOCK_FUNCTION() { mu_.lock(); }
  void Unlock() ABSL_UNLOCK_FUNCTION() { mu_.unlock(); }
  void AssertHeld() const ABSL_ASSERT_EXCLUSIVE_LOCK() {}

 private:
  friend class CondVar;
  std::mutex mu_;
};

// Holds a Mutex for its scope.
class ABSL_SCOPED_LOCKABLE MutexLock {
 public:
  explicit MutexLock(Mutex* mu) ABSL_EXCLUSIVE_LOCK_FUNCTION(mu) : mu_(mu) {
    mu_->Lock();
  }
  ~MutexLock() ABSL_UNLOCK_FUNCTION() { mu_->Unlock(); }
  MutexLock(const MutexLock&) = delete;
  MutexLock& operator=(const MutexLock&) = delete;

 private:
  Mutex* const mu_;
};

// A condition variable bound to a Mutex the caller holds.
class CondVar {
 public:
  // Atomically releases `mu`, waits for a signal, and re-acquires `mu`.
  // Spurious wake-ups happen: always wait in a loop on a condition.
  void Wait(Mutex* mu) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) {
    std::unique_lock<std::mutex> lock(mu->mu_, std::adopt_lock);
    cv_.wait(lock);
    lock.release();
  }
  // As Wait, but returns true if `deadline` passed before a signal.
  bool WaitWithDeadline(Mutex* mu, absl::Time deadline)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) {
    std::unique_lock<std::mutex> lock(mu->mu_, std::adopt_lock);
    absl::Duration left = deadline - absl::Now();
    bool timed_out = false;
    if (left <= absl::ZeroDuration()) {
      timed_out = true;
    } else {
      if (left > absl::Hours(24)) left = absl::Hours(24);  // no overflow
      timed_out = cv_.wait_for(lock, absl::ToChronoNanoseconds(left)) ==
                  std::cv_status::timeout;
    }
    lock.release();
    return timed_out;
  }
  void Signal() { cv_.notify_one(); }
  void SignalAll() { cv_.notify_all(); }

 private:
  std::condition_variable cv_;
};

}  // namespace telegate

#endif  // TELEGATE_UTIL_MUTEX_H_
