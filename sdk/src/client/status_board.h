// StatusBoard: the per-category state the writer thread publishes for
// GetCategoryStatus, so that reading it never waits for the writer.
#ifndef TELEGATE_CLIENT_STATUS_BOARD_H_
#define TELEGATE_CLIENT_STATUS_BOARD_H_

#include <atomic>
#include <cstdint>
#include <vector>

#include "catalog/catalog.h"
#include "telegate/category_status.h"
#include "util/mutex.h"

namespace telegate::client_internal {

// Thread-safe.
class StatusBoard {
 public:
  // Replaces the rows (buffered_events in them is ignored).
  void Publish(std::vector<CategoryStatus> rows) {
    MutexLock lock(&mu_);
    rows_ = std::move(rows);
  }
  void SetBuffered(catalog_internal::CategoryId id, int64_t n) {
    buffered_[id].store(n, std::memory_order_relaxed);
  }
  int64_t Buffered(catalog_internal::CategoryId id) const {
    return buffered_[id].load(std::memory_order_relaxed);
  }
  void AddCollectionWarnings(catalog_internal::CategoryId id, int64_t n) {
    warnings_[id].fetch_add(n, std::memory_order_relaxed);
  }
  std::vector<CategoryStatus> Snapshot() const {
    std::vector<CategoryStatus> rows;
    {
      MutexLock lock(&mu_);
      rows = rows_;
    }
    for (size_t i = 0; i < rows.size(); ++i) {
      rows[i].buffered_events = Buffered(static_cast<int>(i));
      rows[i].collection_warnings =
          warnings_[i].load(std::memory_order_relaxed);
    }
    return rows;
  }

 private:
  mutable Mutex mu_;
  std::vector<CategoryStatus> rows_ ABSL_GUARDED_BY(mu_);
  std::atomic<int64_t> buffered_[catalog_internal::kMaxCategories] = {};
  std::atomic<int64_t> warnings_[catalog_internal::kMaxCategories] = {};
};

}  // namespace telegate::client_internal

#endif  // TELEGATE_CLIENT_STATUS_BOARD_H_
