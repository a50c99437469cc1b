// Backoff: when an endpoint may be tried again after failures —
// exponential, with full jitter, up to a cap, on the Env clock.
//
// After the n-th consecutive failure the next attempt waits a duration drawn
// uniformly from [0, min(cap, base * 2^(n-1))]; a success resets it.
//
//   Backoff backoff(absl::Seconds(1), absl::Minutes(10), UnitRandom());
//   backoff.OnFailure(clock->Now());
//   if (clock->Now() < backoff.next_attempt()) return Wait(...);
#ifndef TELEGATE_UPLOAD_BACKOFF_H_
#define TELEGATE_UPLOAD_BACKOFF_H_

#include <functional>

#include "absl/time/time.h"

namespace telegate::upload_internal {

// Thread-compatible.
class Backoff {
 public:
  // `unit_random` returns a uniform double in [0, 1]; tests pass a fixed
  // sequence. Durations must be positive, cap >= base.
  Backoff(absl::Duration base, absl::Duration cap,
          std::function<double()> unit_random);

  // The upper bound of the wait after `failures` consecutive failures
  // (zero for none).
  static absl::Duration Bound(absl::Duration base, absl::Duration cap,
                              int failures);

  // Records a failed attempt at `now` and draws the next wait.
  void OnFailure(absl::Time now);
  // Records a success: the next attempt may happen at once.
  void OnSuccess();

  // The earliest time of the next attempt (InfinitePast() when not backing
  // off).
  absl::Time next_attempt() const { return next_attempt_; }
  int failures() const { return failures_; }
  // The wait drawn by the last failure.
  absl::Duration last_wait() const { return last_wait_; }

 private:
  absl::Duration base_;
  absl::Duration cap_;
  std::function<double()> unit_random_;
  int failures_ = 0;
  absl::Time next_attempt_ = absl::InfinitePast();
  absl::Duration last_wait_ = absl::ZeroDuration();
};

// A uniform [0, 1) source seeded from the OS (for production use).
std::function<double()> UnitRandom();

}  // namespace telegate::upload_internal

#endif  // TELEGATE_UPLOAD_BACKOFF_H_
