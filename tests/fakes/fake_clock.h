// FakeClock: a wall clock that moves only when the test says so.
#ifndef TELEGATE_TESTS_FAKES_FAKE_CLOCK_H_
#define TELEGATE_TESTS_FAKES_FAKE_CLOCK_H_

#include <mutex>

#include "telegate/clock.h"

namespace telegate::testing {

// Thread-safe.
class FakeClock : public Clock {
 public:
  explicit FakeClock(absl::Time start = absl::FromUnixSeconds(1800000000))
      : now_(start) {}
  absl::Time Now() override {
    std::lock_guard<std::mutex> lock(mu_);
    return now_;
  }
  void Advance(absl::Duration d) {
    std::lock_guard<std::mutex> lock(mu_);
    now_ += d;
  }
  void Set(absl::Time t) {
    std::lock_guard<std::mutex> lock(mu_);
    now_ = t;
  }

 private:
  std::mutex mu_;
  absl::Time now_;
};

}  // namespace telegate::testing

#endif  // TELEGATE_TESTS_FAKES_FAKE_CLOCK_H_
