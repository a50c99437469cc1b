// Counters: drop counts by reason, updated from any thread.
#ifndef TELEGATE_CLIENT_COUNTERS_H_
#define TELEGATE_CLIENT_COUNTERS_H_

#include <atomic>
#include <cstdint>

#include "telegate/drop_counts.h"

namespace telegate::client_internal {

enum class DropReason {
  kClosed,
  kRevoked,
  kQueueFull,
  kQuota,
  kExpired,
  kUploadRejected,
  kStoreError,
  kKeyLost,
  kCount,
};

// Thread-safe.
class Counters {
 public:
  void Add(DropReason reason, int64_t n = 1) {
    drops_[static_cast<int>(reason)].fetch_add(n, std::memory_order_relaxed);
  }
  int64_t Get(DropReason reason) const {
    return drops_[static_cast<int>(reason)].load(std::memory_order_relaxed);
  }
  DropCounts Snapshot() const;

 private:
  std::atomic<int64_t> drops_[static_cast<int>(DropReason::kCount)] = {};
};

}  // namespace telegate::client_internal

#endif  // TELEGATE_CLIENT_COUNTERS_H_
