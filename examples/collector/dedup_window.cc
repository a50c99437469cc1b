#include "dedup_window.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <utility>

namespace telegate::collector {

DedupWindow::DedupWindow(size_t capacity)
    : generation_(std::max<size_t>(capacity, 2) / 2) {}

absl::uint128 DedupWindow::Key(absl::string_view id) {
  uint64_t half[2] = {0, 0};
  std::memcpy(half, id.data(), std::min(id.size(), sizeof(half)));
  return absl::MakeUint128(half[0], half[1]);
}

bool DedupWindow::Contains(absl::string_view id) const {
  absl::uint128 key = Key(id);
  return newer_.contains(key) || older_.contains(key);
}

bool DedupWindow::Insert(absl::string_view id) {
  absl::uint128 key = Key(id);
  if (older_.contains(key) || !newer_.insert(key).second) return false;
  if (newer_.size() >= generation_) {
    // The older generation is forgotten; its memory goes with it.
    older_ = std::move(newer_);
    newer_ = absl::flat_hash_set<absl::uint128>();
  }
  return true;
}

}  // namespace telegate::collector
