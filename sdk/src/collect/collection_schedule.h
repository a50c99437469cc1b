// CollectionSchedule: the timers behind the catalog's collection schedules
// (proto/telegate/policy.proto, CollectionSchedule), kept through the
// platform's TaskScheduler.
//
// A timer exists only for a category that is open and has a collector and a
// schedule: OnOpened arms it (at once for `at_start`, else after the
// interval), OnClosed cancels it. So with every category closed nothing is
// scheduled and nothing wakes the app. When a timer fires, the scheduler's
// thread only calls `fire`, which hands the work to the writer thread; there
// OnFired says whether the ticket is still current and re-arms the interval.
//
//   CollectionSchedule schedule(catalog, env.scheduler, has_collector, fire);
//   schedule.OnOpened(id);                    // writer thread
//   ... fire(id, ticket) on the scheduler's thread, then on the writer:
//   if (schedule.OnFired(id, ticket)) collection.Run(id);
#ifndef TELEGATE_COLLECT_COLLECTION_SCHEDULE_H_
#define TELEGATE_COLLECT_COLLECTION_SCHEDULE_H_

#include <cstdint>
#include <functional>
#include <vector>

#include "absl/time/time.h"
#include "catalog/catalog.h"
#include "telegate/task_scheduler.h"

namespace telegate::collect_internal {

// Thread-compatible: owned by the writer thread. `fire` is called on the
// scheduler's thread and must be thread-safe and safe to call at any time,
// even after the client has closed.
class CollectionSchedule {
 public:
  using Fire = std::function<void(catalog_internal::CategoryId id,
                                  uint64_t ticket)>;

  // `catalog` and `scheduler` must outlive the schedule; `scheduler` may be
  // null (the client then never collects on its own). `has_collector` is
  // indexed by CategoryId.
  CollectionSchedule(const catalog_internal::Catalog& catalog,
                     TaskScheduler* scheduler, std::vector<bool> has_collector,
                     Fire fire);
  ~CollectionSchedule();

  // The category opened (or the client started with it open).
  void OnOpened(catalog_internal::CategoryId id);
  // The category closed: its timer is cancelled.
  void OnClosed(catalog_internal::CategoryId id);
  // Timer `ticket` of `id` fired. True if it is still current, i.e. the
  // collection should run now; re-arms the interval timer first.
  bool OnFired(catalog_internal::CategoryId id, uint64_t ticket);
  // Cancels every timer (the client is closing).
  void CancelAll();

  // Timers currently armed.
  int armed() const;

 private:
  struct Slot {
    TaskScheduler::TaskId task = 0;  // 0: none armed
    uint64_t ticket = 0;
  };
  void Arm(catalog_internal::CategoryId id, absl::Duration delay);

  const catalog_internal::Catalog& catalog_;
  TaskScheduler* const scheduler_;
  const std::vector<bool> has_collector_;
  const Fire fire_;
  std::vector<Slot> slots_;
  uint64_t next_ticket_ = 0;
};

}  // namespace telegate::collect_internal

#endif  // TELEGATE_COLLECT_COLLECTION_SCHEDULE_H_
