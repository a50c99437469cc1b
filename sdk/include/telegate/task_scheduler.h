// TaskScheduler: the platform's timer, behind a seam so that tests drive time
// and count what the client schedules.
//
// The client schedules a task only for a category that is open and has a
// collection schedule in the catalog (proto/telegate/policy.proto,
// CollectionSchedule): with every category closed it schedules nothing, so
// an idle app is never woken up by Telegate. A task does no work itself: it
// hands the collection to the client's writer thread and returns.
//
// Android implements it with a Handler or WorkManager, iOS with a dispatch
// source, desktop with one timer thread (platform/desktop).
//
//   TaskScheduler::TaskId id = scheduler->Schedule(
//       absl::Minutes(30), [] { /* short, non-blocking */ });
//   scheduler->Cancel(id);
#ifndef TELEGATE_TASK_SCHEDULER_H_
#define TELEGATE_TASK_SCHEDULER_H_

#include <cstdint>
#include <functional>

#include "absl/time/time.h"
#include "telegate/export.h"

namespace telegate {

// Implementations must be thread-safe.
class TELEGATE_EXPORT TaskScheduler {
 public:
  using TaskId = uint64_t;

  virtual ~TaskScheduler() = default;

  // Runs `task` once, `delay` (>= 0) from now, on a thread that is not the
  // caller's. Tasks are short and never block. Returns an id for Cancel
  // (never 0).
  virtual TaskId Schedule(absl::Duration delay, std::function<void()> task) = 0;

  // A task that has not started will not run. Unknown or finished ids are
  // ignored. Never waits for a running task; may be called from a task.
  virtual void Cancel(TaskId id) = 0;
};

}  // namespace telegate

#endif  // TELEGATE_TASK_SCHEDULER_H_
