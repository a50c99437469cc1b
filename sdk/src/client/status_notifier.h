// StatusNotifier: the client's notification thread for status observers
// (telegate/status_observer.h). The writer thread posts transitions; the
// notification thread calls the observers, one notification at a time, in
// the order they were posted, never holding a lock while it calls one.
//
//   StatusNotifier notifier(/*max_pending=*/64);
//   uint64_t id = *notifier.Add([](const CategoryChange& c) { ... });
//   notifier.Post(change);              // from the writer thread
//   notifier.Remove(id);                // waits for a call in progress
//   notifier.Stop(deadline);            // delivers what is pending, joins
//
// Bounded: when `max_pending` notifications wait, the queue is compacted to
// the latest notification of each category (so it never holds more than
// max(max_pending, categories) + 1), in the order of those latest ones. A
// category's final state is therefore never lost; intermediate flips of a
// category may be, while an observer is slow.
//
// Ownership: the notification thread holds the shared state, so Stop may
// give up on a slow observer and leave the thread to finish in the
// background.
//
// Threading: thread-safe. Observers run on the notification thread.
#ifndef TELEGATE_CLIENT_STATUS_NOTIFIER_H_
#define TELEGATE_CLIENT_STATUS_NOTIFIER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <thread>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "telegate/status_observer.h"
#include "util/mutex.h"

namespace telegate::client_internal {

// Thread-safe.
class StatusNotifier {
 public:
  explicit StatusNotifier(size_t max_pending);
  // Stops without waiting: pending notifications are dropped and a call in
  // progress finishes in the background.
  ~StatusNotifier();
  StatusNotifier(const StatusNotifier&) = delete;
  StatusNotifier& operator=(const StatusNotifier&) = delete;

  // Registers `observer` (starting the notification thread with the
  // first); returns its id (never 0). kInvalidArgument for an empty
  // function; kFailedPrecondition once Stop was called.
  absl::StatusOr<uint64_t> Add(StatusObserver observer);
  // Unregisters `id`; when this returns it is never called again. Waits for
  // a call of it in progress, unless called on the notification thread.
  // kNotFound for an unknown id.
  absl::Status Remove(uint64_t id);
  // Queues `change` for every observer registered when it is delivered.
  // Dropped when no observer is registered or after Stop. Never blocks on
  // an observer.
  void Post(CategoryChange change);
  // Delivers what is pending, then stops the thread and joins it, all by
  // `deadline`; after it nothing is delivered. kDeadlineExceeded if an
  // observer did not return in time (what was still pending is dropped).
  // From the notification thread itself it only asks the thread to stop.
  // Idempotent.
  absl::Status Stop(absl::Time deadline);

  // Notifications waiting now (for tests of the bound).
  size_t pending_for_testing() const;

 private:
  struct State;
  static void Run(std::shared_ptr<State> state);

  const std::shared_ptr<State> state_;
  Mutex thread_mu_;
  std::thread thread_ ABSL_GUARDED_BY(thread_mu_);
};

}  // namespace telegate::client_internal

#endif  // TELEGATE_CLIENT_STATUS_NOTIFIER_H_
