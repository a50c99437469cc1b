// Clock: the platform's wall clock, behind a seam so tests can move time.
#ifndef TELEGATE_CLOCK_H_
#define TELEGATE_CLOCK_H_

#include "absl/time/time.h"
#include "telegate/export.h"

namespace telegate {

// Implementations must be thread-safe.
class TELEGATE_EXPORT Clock {
 public:
  virtual ~Clock() = default;
  // Wall-clock time, used for capture times and retention.
  virtual absl::Time Now() = 0;

  // The process-wide real clock. Never null; never destroyed.
  static Clock* Real();
};

}  // namespace telegate

#endif  // TELEGATE_CLOCK_H_
