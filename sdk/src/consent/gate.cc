#include "consent/gate.h"

namespace telegate::consent_internal {

Gate::Gate() {
  MutexLock lock(&mu_);
  for (int i = 0; i < catalog_internal::kMaxCategories; ++i) {
    words_[i].store(0, std::memory_order_relaxed);
    pending_closes_[i] = 0;
  }
}

void Gate::CloseLocked(catalog_internal::CategoryId id) {
  uint64_t word = words_[id].load(std::memory_order_relaxed);
  if (word & 1) {
    uint64_t epoch = (word >> 1) + 1;
    words_[id].store(epoch << 1, std::memory_order_release);
  }
}

void Gate::BeginClose(catalog_internal::CategoryId id) {
  MutexLock lock(&mu_);
  ++pending_closes_[id];
  CloseLocked(id);
}

void Gate::EndClose(catalog_internal::CategoryId id) {
  MutexLock lock(&mu_);
  if (pending_closes_[id] > 0) --pending_closes_[id];
}

void Gate::Close(catalog_internal::CategoryId id) {
  MutexLock lock(&mu_);
  CloseLocked(id);
}

bool Gate::Open(catalog_internal::CategoryId id) {
  MutexLock lock(&mu_);
  uint64_t word = words_[id].load(std::memory_order_relaxed);
  if (word & 1) return true;
  if (pending_closes_[id] > 0) return false;
  uint64_t epoch = (word >> 1) + 1;
  words_[id].store((epoch << 1) | 1, std::memory_order_release);
  return true;
}

}  // namespace telegate::consent_internal
