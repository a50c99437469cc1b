#include "upload/backoff.h"

#include <algorithm>
#include <memory>
#include <utility>

#include "absl/random/random.h"

namespace telegate::upload_internal {

Backoff::Backoff(absl::Duration base, absl::Duration cap,
                 std::function<double()> unit_random)
    : base_(base), cap_(std::max(cap, base)),
      unit_random_(std::move(unit_random)) {}

absl::Duration Backoff::Bound(absl::Duration base, absl::Duration cap,
                              int failures) {
  if (failures <= 0) return absl::ZeroDuration();
  absl::Duration bound = base;
  // Doubling stops at the cap, so this never overflows.
  for (int i = 1; i < failures && bound < cap; ++i) bound *= 2;
  return std::min(bound, cap);
}

void Backoff::OnFailure(absl::Time now) {
  if (failures_ < 1000) ++failures_;
  double u = std::clamp(unit_random_(), 0.0, 1.0);
  last_wait_ = Bound(base_, cap_, failures_) * u;
  next_attempt_ = now + last_wait_;
}

void Backoff::OnSuccess() {
  failures_ = 0;
  next_attempt_ = absl::InfinitePast();
  last_wait_ = absl::ZeroDuration();
}

std::function<double()> UnitRandom() {
  auto gen = std::make_shared<absl::BitGen>();
  return [gen] { return absl::Uniform(*gen, 0.0, 1.0); };
}

}  // namespace telegate::upload_internal
