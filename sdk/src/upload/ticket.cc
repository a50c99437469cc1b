#include "upload/ticket.h"

#include <utility>

namespace telegate::upload_internal {

bool Ticket::BeginSend() {
  MutexLock lock(&mu_);
  if (state_ != State::kReady || cancel_requested_) return false;
  state_ = State::kSending;
  return true;
}

bool Ticket::cancel_requested() const {
  MutexLock lock(&mu_);
  return cancel_requested_;
}

void Ticket::SetCancelHandler(std::function<void()> wake) {
  bool call_now = false;
  {
    MutexLock lock(&mu_);
    if (cancel_requested_ && wake) {
      call_now = true;
    } else {
      wake_ = std::move(wake);
    }
  }
  if (call_now) wake();
}

void Ticket::RequestCancel() {
  std::function<void()> wake;
  {
    MutexLock lock(&mu_);
    if (cancel_requested_) return;
    cancel_requested_ = true;
    if (state_ == State::kReady) state_ = State::kCancelled;
    wake = std::move(wake_);
    wake_ = nullptr;
  }
  // Outside the lock: the handler may take the transport's own locks.
  if (wake) wake();
}

void Ticket::Finish() {
  MutexLock lock(&mu_);
  if (state_ == State::kSending || state_ == State::kReady) {
    state_ = State::kFinished;
  }
  wake_ = nullptr;
  cv_.SignalAll();
}

bool Ticket::WaitUntilNotSending(absl::Time deadline) {
  MutexLock lock(&mu_);
  while (state_ == State::kSending) {
    if (cv_.WaitWithDeadline(&mu_, deadline) && state_ == State::kSending) {
      return false;
    }
  }
  return true;
}

bool Ticket::sending() const {
  MutexLock lock(&mu_);
  return state_ == State::kSending;
}

bool Ticket::cancelled() const {
  MutexLock lock(&mu_);
  return cancel_requested_;
}

}  // namespace telegate::upload_internal
