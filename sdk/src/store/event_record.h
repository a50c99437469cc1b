// EventRecord: the compact form in which an event file keeps one event.
//
// A serialized telegate.proto.Event spells out what its file already knows
// (the category, in every row) and every attribute key and event name in
// full. A record drops the category, refers to names and keys by small ids
// from the file's NameTable, and takes the capture time from its own column:
// for a typical event it is 30-40% smaller, so a file holds more events in
// fewer pages and every commit encrypts fewer bytes.
//
// The encoding is lossless by construction: EncodeRecord decodes what it has
// just produced and keeps the event verbatim instead when the bytes would
// differ (a valid but unusual encoding) or the compact form would not be
// smaller, so DecodeRecord always returns the exact bytes that were stored.
//
//   std::string record;
//   EncodeRecord(event, capture_ms, "log.search", &names, &added, &record);
//   std::string again;
//   TELEGATE_RETURN_IF_ERROR(
//       DecodeRecord(record, capture_ms, "log.search", names, &again));
//   // again == event
//
// Record layout (byte 0 is the format):
//   0x00 <serialized Event>                        verbatim
//   0x01 <name id> <epoch> <id length> <id bytes>   compact, varints, then per
//        attribute: <key id << 3 | kind> <value>    kind 0 string (length +
//        bytes), 1 int (zigzag varint), 2 double (8 bytes little-endian),
//        3 false, 4 true, 5 no value
#ifndef TELEGATE_STORE_EVENT_RECORD_H_
#define TELEGATE_STORE_EVENT_RECORD_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace telegate::store_internal {

// Event names and attribute keys of one file, interned as ids 1, 2, 3...
// Thread-compatible.
class NameTable {
 public:
  // Ids past this are not assigned: such names are stored verbatim.
  static constexpr uint32_t kMaxNames = 4096;

  std::optional<uint32_t> Find(absl::string_view name) const;
  // nullptr for an unknown id.
  const std::string* Get(uint32_t id) const;
  // Interns `name` under the next id; returns it. nullopt when full.
  std::optional<uint32_t> Add(absl::string_view name);
  // Find, else Add. `slot` is where the name appears in its event (0 the
  // event name, 1 + i the i-th attribute key): events of a category mostly
  // repeat the same layout, so the id last seen in that slot is tried first.
  std::optional<uint32_t> Intern(absl::string_view name, size_t slot);
  // Puts `name` at `id` (loading a file's table). False if `id` is taken,
  // out of range, or the name is already present.
  bool Load(uint32_t id, absl::string_view name);
  // Forgets every id >= `first` (undoes Adds of a rolled-back transaction).
  void Truncate(uint32_t first);
  // The id the next Add assigns.
  uint32_t next_id() const { return static_cast<uint32_t>(names_.size()) + 1; }

 private:
  std::vector<std::string> names_;  // names_[id - 1]; "" marks a gap
  std::vector<bool> used_;
  absl::flat_hash_map<std::string, uint32_t> ids_;
  std::vector<uint32_t> slot_hints_;  // id last interned per slot
};

// Encodes the serialized event `event`, captured at `capture_ms` in
// `category`, into `record` (replacing its contents). Names missing from
// `names` are added to it. `scratch` is working space.
void EncodeRecord(absl::string_view event, int64_t capture_ms,
                  absl::string_view category, NameTable* names,
                  std::string* record, std::string* scratch);

// Encodes the serialized event `event` verbatim (format 0x00) into
// `record`: it then decodes to `event` whatever capture time its row holds.
void EncodeVerbatimRecord(absl::string_view event, std::string* record);

// Decodes `record` back into the serialized event (replacing `event`'s
// contents). kDataLoss if the record is malformed or names an unknown id.
absl::Status DecodeRecord(absl::string_view record, int64_t capture_ms,
                          absl::string_view category, const NameTable& names,
                          std::string* event);

}  // namespace telegate::store_internal

#endif  // TELEGATE_STORE_EVENT_RECORD_H_
