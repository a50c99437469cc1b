#include "collect/collection_schedule.h"

#include <utility>

namespace telegate::collect_internal {

using catalog_internal::CategoryId;

CollectionSchedule::CollectionSchedule(const catalog_internal::Catalog& catalog,
                                       TaskScheduler* scheduler,
                                       std::vector<bool> has_collector,
                                       Fire fire)
    : catalog_(catalog),
      scheduler_(scheduler),
      has_collector_(std::move(has_collector)),
      fire_(std::move(fire)),
      slots_(catalog.size()) {}

CollectionSchedule::~CollectionSchedule() { CancelAll(); }

void CollectionSchedule::Arm(CategoryId id, absl::Duration delay) {
  Slot& slot = slots_[id];
  slot.ticket = ++next_ticket_;
  Fire fire = fire_;
  uint64_t ticket = slot.ticket;
  slot.task = scheduler_->Schedule(
      delay, [fire = std::move(fire), id, ticket] { fire(id, ticket); });
}

void CollectionSchedule::OnOpened(CategoryId id) {
  if (scheduler_ == nullptr || !has_collector_[id]) return;
  if (slots_[id].task != 0) return;  // already armed
  const proto::CollectionSchedule& s = catalog_.category(id).collection();
  if (s.at_start()) {
    Arm(id, absl::ZeroDuration());
  } else if (s.interval_seconds() > 0) {
    Arm(id, absl::Seconds(s.interval_seconds()));
  }
}

void CollectionSchedule::OnClosed(CategoryId id) {
  Slot& slot = slots_[id];
  if (slot.task != 0) scheduler_->Cancel(slot.task);
  slot.task = 0;
  slot.ticket = 0;  // a timer that already fired is stale now
}

bool CollectionSchedule::OnFired(CategoryId id, uint64_t ticket) {
  Slot& slot = slots_[id];
  if (slot.task == 0 || slot.ticket != ticket) return false;
  slot.task = 0;
  slot.ticket = 0;
  int64_t interval = catalog_.category(id).collection().interval_seconds();
  if (interval > 0) Arm(id, absl::Seconds(interval));
  return true;
}

void CollectionSchedule::CancelAll() {
  for (CategoryId id = 0; id < static_cast<CategoryId>(slots_.size()); ++id) {
    OnClosed(id);
  }
}

int CollectionSchedule::armed() const {
  int n = 0;
  for (const Slot& slot : slots_) n += slot.task != 0;
  return n;
}

}  // namespace telegate::collect_internal
