// CollectedEvent: one event a collector captured, owning its attribute
// strings (telegate::Attribute only borrows), before the collection engine
// checks it against the catalog and queues it like a Track call.
//
//   CollectedEvent e("device_info");
//   e.AddString("os_name", info.os_name);   // "" is skipped: unknown
//   e.AddInt("cpu_count", info.cpu_count);
//   out->push_back(std::move(e));
#ifndef TELEGATE_COLLECT_COLLECTED_EVENT_H_
#define TELEGATE_COLLECT_COLLECTED_EVENT_H_

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "telegate/attribute.h"

namespace telegate::collect_internal {

// Thread-compatible. Move-only: the attributes point into its own storage,
// whose elements a move does not relocate.
class CollectedEvent {
 public:
  explicit CollectedEvent(absl::string_view name) : name_(name) {}
  CollectedEvent(CollectedEvent&&) = default;
  CollectedEvent& operator=(CollectedEvent&&) = default;
  CollectedEvent(const CollectedEvent&) = delete;
  CollectedEvent& operator=(const CollectedEvent&) = delete;
  ~CollectedEvent() { Wipe(); }

  // Each Add skips a value that is unknown: an empty string, a missing
  // optional, a non-finite double.
  void AddString(absl::string_view key, absl::string_view value);
  void AddInt(absl::string_view key, int64_t value);
  void AddInt(absl::string_view key, const std::optional<int64_t>& value);
  void AddDouble(absl::string_view key, double value);
  void AddDouble(absl::string_view key, const std::optional<double>& value);

  const std::string& name() const { return name_; }
  absl::Span<const Attribute> attributes() const { return attributes_; }

  // Overwrites every stored string (values may be personal data).
  void Wipe();

 private:
  absl::string_view Keep(absl::string_view s);

  std::string name_;
  std::deque<std::string> storage_;  // keys and string values
  std::vector<Attribute> attributes_;
};

}  // namespace telegate::collect_internal

#endif  // TELEGATE_COLLECT_COLLECTED_EVENT_H_
