// Core's upkeep of the buffer: retention (per category, from the catalog)
// and the quota (for the whole buffer, by priority). Both run on the writer
// thread; every event they delete is counted.
#include <algorithm>
#include <limits>

#include "absl/time/clock.h"
#include "client/core.h"
#include "util/status_macros.h"

namespace telegate::client_internal {

int64_t Core::RetentionMs(CategoryId id) const {
  int64_t seconds = catalog_.category(id).retention_seconds();
  if (seconds > 0) return seconds * 1000;
  return std::max<int64_t>(
      1, absl::ToInt64Milliseconds(deps_.options->default_retention));
}

absl::Status Core::EnforceRetention() {
  const int64_t now = NowMillis();
  last_retention_ms_ = now;
  absl::Status first_error;
  std::vector<std::string> corrupt;
  for (const auto& [name, file] : store_.open_events()) {
    std::optional<CategoryId> id = catalog_.Find(name);
    if (!id || file->count() == 0) continue;
    // Events dated after now (the clock was ahead when they were captured,
    // or has been set back since) age from now: a clock jump in either
    // direction never extends their stay.
    absl::StatusOr<int64_t> expired = file->ClampFutureCaptures(now);
    // An event expires when its age reaches the retention.
    if (expired.ok()) {
      expired = file->DeleteCapturedBefore(now - RetentionMs(*id) + 1);
    }
    if (expired.ok()) {
      deps_.counters->Add(DropReason::kExpired, *expired);
      deps_.board->SetBuffered(*id, file->count());
      continue;
    }
    if (absl::IsDataLoss(expired.status())) corrupt.push_back(name);
    if (first_error.ok()) first_error = expired.status();
  }
  for (const std::string& name : corrupt) {
    TELEGATE_RETURN_IF_ERROR(store_.ReplaceEvents(name, first_error));
    UpdateBuffered(name);
  }
  PublishIncidents();
  return first_error;
}

absl::Duration Core::TimeUntilRetention() {
  const int64_t now = NowMillis();
  int64_t next = std::numeric_limits<int64_t>::max();
  for (const auto& [name, file] : store_.open_events()) {
    std::optional<CategoryId> id = catalog_.Find(name);
    if (!id || file->count() == 0) continue;
    std::optional<int64_t> oldest = file->capture_lower_bound_ms();
    std::optional<int64_t> newest = file->capture_upper_bound_ms();
    if (newest && *newest > now) {
      next = std::min(next, now);  // dated after now: re-date them
      continue;
    }
    next = std::min(next, oldest ? *oldest + RetentionMs(*id) : now);
  }
  if (next == std::numeric_limits<int64_t>::max()) {
    return absl::InfiniteDuration();  // nothing buffered: nothing to wake for
  }
  const int64_t earliest =
      last_retention_ms_ +
      absl::ToInt64Milliseconds(deps_.options->retention_sweep_interval);
  next = std::max(next, earliest);
  return absl::Milliseconds(std::max<int64_t>(0, next - now));
}

void Core::MaybeEnforceRetention() {
  if (TimeUntilRetention() > absl::ZeroDuration()) return;
  absl::Status status = EnforceRetention();
  if (!status.ok() && deps_.health) deps_.health->SetLastError(status);
}

absl::Status Core::EnforceQuota() {
  const int64_t max_rows = deps_.options->max_buffered_events;
  const int64_t max_bytes = deps_.options->max_buffered_bytes;
  if (max_rows <= 0 && max_bytes <= 0) return absl::OkStatus();
  for (;;) {
    int64_t rows = 0, bytes = 0;
    store_internal::EventFile* victim = nullptr;
    CategoryId victim_id = 0;
    for (const auto& [name, file] : store_.open_events()) {
      rows += file->count();
      bytes += file->bytes();
      std::optional<CategoryId> id = catalog_.Find(name);
      if (!id || file->count() == 0) continue;
      // Lowest priority first; among equals, the later in the catalog.
      const int priority = catalog_.category(*id).priority();
      if (victim == nullptr ||
          priority < catalog_.category(victim_id).priority() ||
          (priority == catalog_.category(victim_id).priority() &&
           *id > victim_id)) {
        victim = file.get();
        victim_id = *id;
      }
    }
    const int64_t over_rows = max_rows > 0 ? rows - max_rows : 0;
    const int64_t over_bytes = max_bytes > 0 ? bytes - max_bytes : 0;
    if ((over_rows <= 0 && over_bytes <= 0) || victim == nullptr) {
      return absl::OkStatus();
    }
    absl::StatusOr<int64_t> evicted =
        victim->DeleteOldest(over_rows, over_bytes);
    if (absl::IsDataLoss(evicted.status())) {
      TELEGATE_RETURN_IF_ERROR(
          store_.ReplaceEvents(catalog_.name(victim_id), evicted.status()));
      deps_.board->SetBuffered(victim_id, 0);
      PublishIncidents();
      continue;
    }
    if (!evicted.ok()) return evicted.status();
    if (*evicted == 0) {
      return absl::InternalError(
          "quota: the buffer's counters disagree with "
          "its rows");
    }
    deps_.counters->Add(DropReason::kQuota, *evicted);
    deps_.board->SetBuffered(victim_id, victim->count());
  }
}

}  // namespace telegate::client_internal
