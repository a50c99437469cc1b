// Gate: the per-category open/closed switch that Track consults, and the only
// minter of GrantTokens.
//
// Each category has one atomic word: bit 0 says open, the other bits are the
// consent epoch, which changes on every transition. TryGrant is a single
// atomic load. Closing is allowed from any thread at once (a revoke closes
// the category before its purge runs on the writer thread); opening is done
// only by the writer thread, and never while a close is still pending.
//
//   gate.BeginClose(id);            // caller thread: closed for Track now
//   ... writer: purge, then gate.EndClose(id) ...
#ifndef TELEGATE_CONSENT_GATE_H_
#define TELEGATE_CONSENT_GATE_H_

#include <atomic>
#include <cstdint>
#include <optional>

#include "catalog/catalog.h"
#include "consent/grant_token.h"
#include "util/mutex.h"

namespace telegate::consent_internal {

// Thread-safe.
class Gate {
 public:
  Gate();
  Gate(const Gate&) = delete;
  Gate& operator=(const Gate&) = delete;

  // A token if category `id` is open now. Lock-free, allocation-free.
  std::optional<GrantToken> TryGrant(catalog_internal::CategoryId id) const {
    uint64_t word = words_[id].load(std::memory_order_acquire);
    if ((word & 1) == 0) return std::nullopt;
    return GrantToken(id, word >> 1);
  }
  // True if the token's category is still open in the token's epoch.
  bool IsCurrent(const GrantToken& grant) const {
    uint64_t word = words_[grant.category()].load(std::memory_order_acquire);
    return (word & 1) != 0 && (word >> 1) == grant.epoch();
  }
  bool IsOpen(catalog_internal::CategoryId id) const {
    return (words_[id].load(std::memory_order_acquire) & 1) != 0;
  }

  // Closes `id` now and holds it closed until the matching EndClose. Any
  // thread; no I/O.
  void BeginClose(catalog_internal::CategoryId id);
  void EndClose(catalog_internal::CategoryId id);

  // Writer thread: closes `id` (a new epoch) if it is open.
  void Close(catalog_internal::CategoryId id);
  // Writer thread: opens `id` in a new epoch unless a close is pending.
  // Returns true if the category is open afterwards.
  bool Open(catalog_internal::CategoryId id);

 private:
  void CloseLocked(catalog_internal::CategoryId id)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  std::atomic<uint64_t> words_[catalog_internal::kMaxCategories];
  Mutex mu_;  // serialises transitions; TryGrant never takes it
  int pending_closes_[catalog_internal::kMaxCategories] ABSL_GUARDED_BY(mu_);
};

}  // namespace telegate::consent_internal

#endif  // TELEGATE_CONSENT_GATE_H_
