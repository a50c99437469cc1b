// DedupWindow: the collector's bounded memory of the event ids it has
// accepted, so that an at-least-once re-delivery is recognised and neither
// stored nor forwarded twice.
//
// Memory is bounded: the window remembers at least the last capacity/2 and
// at most the last `capacity` ids inserted (two generations of capacity/2
// ids; when the newer is full, the older is forgotten). An id older than
// that is no longer recognised: a re-delivery that late is accepted again,
// which at-least-once delivery allows — downstream de-duplicates on the id.
//
//   DedupWindow window(1000000);
//   if (!window.Contains(event.id())) Forward(event);   // not yet seen
//   window.Insert(event.id());   // only once the pipeline has it
#ifndef TELEGATE_EXAMPLES_COLLECTOR_DEDUP_WINDOW_H_
#define TELEGATE_EXAMPLES_COLLECTOR_DEDUP_WINDOW_H_

#include <cstddef>

#include "absl/container/flat_hash_set.h"
#include "absl/numeric/int128.h"
#include "absl/strings/string_view.h"

namespace telegate::collector {

// Thread-compatible.
class DedupWindow {
 public:
  // `capacity` is raised to 2 if smaller.
  explicit DedupWindow(size_t capacity);

  // True if `id` is remembered. Ids are the events' 16 random bytes (the
  // decoder refuses any other size); only the first 16 bytes count.
  bool Contains(absl::string_view id) const;
  // Remembers `id`; false if it already was (nothing changes then).
  bool Insert(absl::string_view id);

  // Ids remembered now (at most capacity()).
  size_t size() const { return newer_.size() + older_.size(); }
  size_t capacity() const { return 2 * generation_; }

 private:
  static absl::uint128 Key(absl::string_view id);

  size_t generation_;
  absl::flat_hash_set<absl::uint128> newer_;
  absl::flat_hash_set<absl::uint128> older_;
};

}  // namespace telegate::collector

#endif  // TELEGATE_EXAMPLES_COLLECTOR_DEDUP_WINDOW_H_
