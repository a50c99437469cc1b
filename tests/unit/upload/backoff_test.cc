#include "upload/backoff.h"

#include <vector>

#include "gtest/gtest.h"

namespace telegate::upload_internal {
namespace {

const absl::Time kT0 = absl::FromUnixSeconds(1800000000);

TEST(BackoffTest, BoundDoublesFromTheBaseUpToTheCap) {
  const absl::Duration base = absl::Seconds(1);
  const absl::Duration cap = absl::Seconds(60);
  EXPECT_EQ(Backoff::Bound(base, cap, 0), absl::ZeroDuration());
  EXPECT_EQ(Backoff::Bound(base, cap, 1), absl::Seconds(1));
  EXPECT_EQ(Backoff::Bound(base, cap, 2), absl::Seconds(2));
  EXPECT_EQ(Backoff::Bound(base, cap, 6), absl::Seconds(32));
  EXPECT_EQ(Backoff::Bound(base, cap, 7), absl::Seconds(60));
  EXPECT_EQ(Backoff::Bound(base, cap, 1000), absl::Seconds(60));
}

TEST(BackoffTest, FullJitterDrawsTheWholeRangeBelowTheBound) {
  // The draw scales the bound: 0 -> retry at once, 1 -> the full bound.
  std::vector<double> draws = {1.0, 0.0, 0.5, 1.0, 0.25};
  size_t next = 0;
  Backoff backoff(absl::Seconds(1), absl::Seconds(10),
                  [&] { return draws[next++]; });
  backoff.OnFailure(kT0);
  EXPECT_EQ(backoff.next_attempt(), kT0 + absl::Seconds(1));
  backoff.OnFailure(kT0);
  EXPECT_EQ(backoff.next_attempt(), kT0);
  backoff.OnFailure(kT0);
  EXPECT_EQ(backoff.next_attempt(), kT0 + absl::Seconds(2));  // 0.5 * 4s
  backoff.OnFailure(kT0);
  EXPECT_EQ(backoff.next_attempt(), kT0 + absl::Seconds(8));
  backoff.OnFailure(kT0);
  EXPECT_EQ(backoff.next_attempt(), kT0 + absl::Milliseconds(2500));  // capped 10s
  EXPECT_EQ(backoff.failures(), 5);
}

TEST(BackoffTest, SuccessResets) {
  Backoff backoff(absl::Seconds(1), absl::Seconds(10), [] { return 1.0; });
  for (int i = 0; i < 5; ++i) backoff.OnFailure(kT0);
  backoff.OnSuccess();
  EXPECT_EQ(backoff.failures(), 0);
  EXPECT_EQ(backoff.next_attempt(), absl::InfinitePast());
  backoff.OnFailure(kT0);
  EXPECT_EQ(backoff.next_attempt(), kT0 + absl::Seconds(1));
}

TEST(BackoffTest, RealRandomnessStaysWithinTheBound) {
  Backoff backoff(absl::Milliseconds(100), absl::Seconds(3), UnitRandom());
  for (int i = 1; i <= 40; ++i) {
    backoff.OnFailure(kT0);
    EXPECT_GE(backoff.last_wait(), absl::ZeroDuration());
    EXPECT_LE(backoff.last_wait(),
              Backoff::Bound(absl::Milliseconds(100), absl::Seconds(3), i));
  }
}

}  // namespace
}  // namespace telegate::upload_internal
