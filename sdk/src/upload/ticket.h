// Ticket: the client's side of one handed-out batch — the UploadControl the
// transport sees, plus what the writer thread needs to cancel it and to wait
// until a send in progress has stopped.
//
// States: ready (handed out) -> sending (BeginSend) -> finished (reported);
// ready -> cancelled (RequestCancel: BeginSend now refuses); sending ->
// sending with cancel requested -> finished.
//
//   ticket->RequestCancel();                       // writer, on a revoke
//   ticket->WaitUntilNotSending(deadline);         // the barrier
//   ...
//   ticket->Finish();                              // host, on its report
#ifndef TELEGATE_UPLOAD_TICKET_H_
#define TELEGATE_UPLOAD_TICKET_H_

#include <cstdint>
#include <functional>

#include "absl/time/time.h"
#include "telegate/upload.h"
#include "util/mutex.h"

namespace telegate::upload_internal {

// Thread-safe.
class Ticket final : public UploadControl {
 public:
  explicit Ticket(uint64_t task_id) : task_id_(task_id) {}

  // UploadControl.
  bool BeginSend() override;
  bool cancel_requested() const override;
  void SetCancelHandler(std::function<void()> wake) override;

  uint64_t task_id() const { return task_id_; }

  // Cancels: a ready ticket can no longer begin; a sending one is asked to
  // stop (its cancel handler runs on this thread). Idempotent.
  void RequestCancel();
  // The host reported a result (or gave up): the send is over.
  void Finish();
  // Waits until the ticket is not sending (real time). Returns false if it
  // still is at `deadline`.
  bool WaitUntilNotSending(absl::Time deadline);
  bool sending() const;
  bool cancelled() const;

 private:
  enum class State { kReady, kSending, kFinished, kCancelled };

  const uint64_t task_id_;
  mutable Mutex mu_;
  CondVar cv_;
  State state_ ABSL_GUARDED_BY(mu_) = State::kReady;
  bool cancel_requested_ ABSL_GUARDED_BY(mu_) = false;
  std::function<void()> wake_ ABSL_GUARDED_BY(mu_);
};

}  // namespace telegate::upload_internal

#endif  // TELEGATE_UPLOAD_TICKET_H_
