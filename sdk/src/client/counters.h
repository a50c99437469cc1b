// Counters: drop counts by reason, updated from any thread.
//
// Track counts every call on a closed category, so Add sits on the hottest
// path of the library. An atomic read-modify-write costs a locked
// instruction (~8 ns here); instead each thread owns a slot of counters that
// only it writes, with a plain relaxed load and store, and readers sum the
// slots. A thread takes a slot index on its first Add (process-wide, shared
// by every Counters) and gives it back when it exits; while all kThreadSlots
// indexes are taken, further threads share one set of counters updated with
// fetch_add. Taking a slot allocates nothing.
//
//   counters.Add(DropReason::kClosed);
//   DropCounts now = counters.Snapshot();
#ifndef TELEGATE_CLIENT_COUNTERS_H_
#define TELEGATE_CLIENT_COUNTERS_H_

#include <atomic>
#include <cstdint>

#include "absl/base/optimization.h"
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
  kAnonymized,
  kCount,
};

// Thread-safe. Add is wait-free. A thread always sees its own additions; a
// reader sees another thread's once that thread's writes are visible to it
// (at once in practice, and guaranteed after any synchronisation).
class Counters {
 public:
  static constexpr int kThreadSlots = 64;

  void Add(DropReason reason, int64_t n = 1) {
    const int r = static_cast<int>(reason);
    const int slot = ThreadSlot();
    if (ABSL_PREDICT_TRUE(slot >= 0)) {
      // Only this thread writes this slot: no read-modify-write needed.
      std::atomic<int64_t>& c = slots_[slot].drops[r];
      c.store(c.load(std::memory_order_relaxed) + n, std::memory_order_relaxed);
    } else {
      shared_.drops[r].fetch_add(n, std::memory_order_relaxed);
    }
  }
  int64_t Get(DropReason reason) const {
    const int r = static_cast<int>(reason);
    int64_t sum = shared_.drops[r].load(std::memory_order_relaxed);
    for (const Slot& slot : slots_) {
      sum += slot.drops[r].load(std::memory_order_relaxed);
    }
    return sum;
  }
  DropCounts Snapshot() const;

  // For tests: the calling thread's slot index, or -1 (shared counters).
  static int ThreadSlotForTesting() { return ThreadSlot(); }

 private:
  static constexpr int kReasons = static_cast<int>(DropReason::kCount);
  // One cache line (or more) per thread, so threads do not share lines.
  struct alignas(64) Slot {
    std::atomic<int64_t> drops[kReasons] = {};
  };

  static constexpr int kUnassigned = -2;

  // The calling thread's slot index, or -1 (the shared counters).
  static int ThreadSlot() {
    // Constant-initialised and trivially destructible: valid for the whole
    // life of the thread, even in other thread_local destructors.
    thread_local int slot = kUnassigned;
    if (ABSL_PREDICT_FALSE(slot == kUnassigned)) AssignThreadSlot(&slot);
    return slot;
  }
  // Stores a free slot index (or -1 if none is free) in `*slot`, the calling
  // thread's thread_local, and arranges for it to be freed (and `*slot` set
  // to -1) when the thread exits.
  static void AssignThreadSlot(int* slot);

  Slot slots_[kThreadSlots];
  Slot shared_;
};

}  // namespace telegate::client_internal

#endif  // TELEGATE_CLIENT_COUNTERS_H_
