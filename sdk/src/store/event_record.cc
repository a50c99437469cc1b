#include "store/event_record.h"

#include <cstring>

namespace telegate::store_internal {

namespace {

constexpr char kVerbatim = 0;
constexpr char kCompact = 1;

// Wire types and telegate.proto.Event / Attribute field numbers.
constexpr uint32_t kVarint = 0;
constexpr uint32_t kFixed64 = 1;
constexpr uint32_t kLength = 2;
constexpr uint32_t kEventId = 1, kEventCategory = 2, kEventName = 3,
                   kEventCapture = 4, kEventAttribute = 5, kEventEpoch = 6;
constexpr uint32_t kAttrKey = 1, kAttrString = 2, kAttrInt = 3, kAttrDouble = 4,
                   kAttrBool = 5;

// Attribute kinds in a compact record.
enum Kind : uint32_t {
  kString = 0,
  kInt = 1,
  kDouble = 2,
  kFalse = 3,
  kTrue = 4,
  kNone = 5,
};

bool ReadVarint(absl::string_view* in, uint64_t* value) {
  uint64_t result = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (in->empty()) return false;
    uint8_t byte = static_cast<uint8_t>(in->front());
    in->remove_prefix(1);
    result |= uint64_t{byte & 0x7fu} << shift;
    if ((byte & 0x80) == 0) {
      *value = result;
      return true;
    }
  }
  return false;
}

bool ReadBytes(absl::string_view* in, absl::string_view* out) {
  uint64_t length;
  if (!ReadVarint(in, &length) || length > in->size()) return false;
  *out = in->substr(0, length);
  in->remove_prefix(length);
  return true;
}

bool ReadFixed64(absl::string_view* in, uint64_t* value) {
  if (in->size() < 8) return false;
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | static_cast<uint8_t>((*in)[i]);
  in->remove_prefix(8);
  *value = v;
  return true;
}

// Writers into a buffer the caller has sized; each returns the new end.
char* PutVarint(uint64_t value, char* p) {
  while (value >= 0x80) {
    *p++ = static_cast<char>((value & 0x7f) | 0x80);
    value >>= 7;
  }
  *p++ = static_cast<char>(value);
  return p;
}

size_t VarintSize(uint64_t value) {
  size_t n = 1;
  while (value >= 0x80) {
    value >>= 7;
    ++n;
  }
  return n;
}

char* PutFixed64(uint64_t value, char* p) {
  for (int i = 0; i < 8; ++i) {
    *p++ = static_cast<char>(value & 0xff);
    value >>= 8;
  }
  return p;
}

char* PutRaw(absl::string_view bytes, char* p) {
  if (!bytes.empty()) std::memcpy(p, bytes.data(), bytes.size());
  return p + bytes.size();
}

char* PutField(uint32_t field, absl::string_view bytes, char* p) {
  p = PutVarint((field << 3) | kLength, p);
  p = PutVarint(bytes.size(), p);
  return PutRaw(bytes, p);
}

size_t FieldSize(size_t length) { return 1 + VarintSize(length) + length; }

uint64_t ZigZag(int64_t v) {
  return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
}
int64_t UnZigZag(uint64_t v) {
  return static_cast<int64_t>((v >> 1) ^ (~(v & 1) + 1));
}

// Parses one serialized Attribute (the `slot`th) into a compact entry
// written at `*p`. The caller sized the buffer: an entry is never longer
// than the serialized attribute plus one byte.
bool CompactAttribute(absl::string_view body, size_t slot, NameTable* names,
                      char** p) {
  absl::string_view key;
  uint32_t kind = kNone;
  absl::string_view text;
  uint64_t number = 0;
  while (!body.empty()) {
    uint64_t tag;
    if (!ReadVarint(&body, &tag)) return false;
    const uint32_t field = static_cast<uint32_t>(tag >> 3);
    const uint32_t wire = static_cast<uint32_t>(tag & 7);
    if (field == kAttrKey && wire == kLength) {
      if (!ReadBytes(&body, &key)) return false;
    } else if (field == kAttrString && wire == kLength) {
      if (!ReadBytes(&body, &text)) return false;
      kind = kString;
    } else if (field == kAttrInt && wire == kVarint) {
      if (!ReadVarint(&body, &number)) return false;
      kind = kInt;
    } else if (field == kAttrDouble && wire == kFixed64) {
      if (!ReadFixed64(&body, &number)) return false;
      kind = kDouble;
    } else if (field == kAttrBool && wire == kVarint) {
      if (!ReadVarint(&body, &number)) return false;
      kind = number != 0 ? kTrue : kFalse;
    } else {
      return false;  // unknown field: keep the event verbatim
    }
  }
  std::optional<uint32_t> key_id = names->Intern(key, slot);
  if (!key_id) return false;
  *p = PutVarint((uint64_t{*key_id} << 3) | kind, *p);
  switch (kind) {
    case kString:
      *p = PutVarint(text.size(), *p);
      *p = PutRaw(text, *p);
      break;
    case kInt:
      *p = PutVarint(ZigZag(static_cast<int64_t>(number)), *p);
      break;
    case kDouble:
      *p = PutFixed64(number, *p);
      break;
    default:
      break;
  }
  return true;
}

// Builds the compact form, or returns false if the event does not fit it.
bool EncodeCompact(absl::string_view event, NameTable* names,
                   util_internal::SecureString* record) {
  // A compact entry is at most two bytes longer than its serialized
  // attribute (which takes at least two), and the header before the
  // attributes at most 31 bytes (more only for an unusually long id).
  record->resize(2 * event.size() + 32);
  char* const start = &(*record)[0];
  char* p = start + 1 + 30;  // attributes first; the header moves in later
  char* const attributes = p;
  absl::string_view id, name;
  uint64_t epoch = 0;
  size_t slot = 1;
  while (!event.empty()) {
    uint64_t tag;
    if (!ReadVarint(&event, &tag)) return false;
    const uint32_t field = static_cast<uint32_t>(tag >> 3);
    const uint32_t wire = static_cast<uint32_t>(tag & 7);
    absl::string_view bytes;
    uint64_t number;
    if (wire == kLength) {
      if (!ReadBytes(&event, &bytes)) return false;
    } else if (wire == kVarint) {
      if (!ReadVarint(&event, &number)) return false;
    } else {
      return false;
    }
    if (field == kEventId && wire == kLength) {
      id = bytes;
    } else if (field == kEventCategory && wire == kLength) {
      // Implied by the file; the round trip checks it matches.
    } else if (field == kEventName && wire == kLength) {
      name = bytes;
    } else if (field == kEventCapture && wire == kVarint) {
      // Kept in its own column; the round trip checks it matches.
    } else if (field == kEventAttribute && wire == kLength) {
      if (!CompactAttribute(bytes, slot++, names, &p)) return false;
    } else if (field == kEventEpoch && wire == kVarint) {
      epoch = number;
    } else {
      return false;
    }
  }
  std::optional<uint32_t> name_id = names->Intern(name, 0);
  if (!name_id) return false;
  // Header: format, name id, epoch, id; then the attributes moved up to it.
  char header[1 + 3 * 10];
  char* h = header;
  *h++ = kCompact;
  h = PutVarint(*name_id, h);
  h = PutVarint(epoch, h);
  h = PutVarint(id.size(), h);
  const size_t header_size = static_cast<size_t>(h - header);
  const size_t attributes_size = static_cast<size_t>(p - attributes);
  if (header_size + id.size() > static_cast<size_t>(attributes - start)) {
    // A long id: make room (rare; ids are 16 bytes).
    util_internal::SecureString tail(attributes, attributes_size);
    record->assign(header, header_size);
    record->append(id.data(), id.size());
    record->append(tail);
    return true;
  }
  std::memcpy(start, header, header_size);
  if (!id.empty()) std::memcpy(start + header_size, id.data(), id.size());
  std::memmove(start + header_size + id.size(), attributes, attributes_size);
  record->resize(header_size + id.size() + attributes_size);
  return true;
}

}  // namespace

std::optional<uint32_t> NameTable::Find(absl::string_view name) const {
  auto it = ids_.find(name);
  if (it == ids_.end()) return std::nullopt;
  return it->second;
}

const std::string* NameTable::Get(uint32_t id) const {
  if (id == 0 || id > names_.size() || !used_[id - 1]) return nullptr;
  return &names_[id - 1];
}

std::optional<uint32_t> NameTable::Add(absl::string_view name) {
  const uint32_t id = next_id();
  if (id > kMaxNames || !Load(id, name)) return std::nullopt;
  return id;
}

bool NameTable::Load(uint32_t id, absl::string_view name) {
  if (id == 0 || id > kMaxNames || ids_.contains(name)) return false;
  if (id <= names_.size() && used_[id - 1]) return false;
  if (id > names_.size()) {
    names_.resize(id);
    used_.resize(id, false);
  }
  names_[id - 1] = std::string(name);
  used_[id - 1] = true;
  ids_[names_[id - 1]] = id;
  return true;
}

std::optional<uint32_t> NameTable::Intern(absl::string_view name, size_t slot) {
  if (slot < slot_hints_.size()) {
    const uint32_t hint = slot_hints_[slot];
    const std::string* known = Get(hint);
    if (known != nullptr && *known == name) return hint;
  }
  std::optional<uint32_t> id = Find(name);
  if (!id) id = Add(name);
  if (id && slot < 64) {
    if (slot >= slot_hints_.size()) slot_hints_.resize(slot + 1, 0);
    slot_hints_[slot] = *id;
  }
  return id;
}

void NameTable::Truncate(uint32_t first) {
  if (first == 0) first = 1;
  for (uint32_t id = first; id <= names_.size(); ++id) {
    if (used_[id - 1]) ids_.erase(names_[id - 1]);
  }
  if (first - 1 < names_.size()) {
    names_.resize(first - 1);
    used_.resize(first - 1);
  }
  slot_hints_.clear();
}

void EncodeRecord(absl::string_view event, int64_t capture_ms,
                  absl::string_view category, NameTable* names,
                  util_internal::SecureString* record,
                  util_internal::SecureString* scratch) {
  // Compact only when it is smaller, and only when it decodes back to the
  // very same bytes.
  if (EncodeCompact(event, names, record) && record->size() <= event.size() &&
      DecodeRecord(*record, capture_ms, category, *names, scratch).ok() &&
      absl::string_view(*scratch) == event) {
    return;
  }
  EncodeVerbatimRecord(event, record);
}

void EncodeVerbatimRecord(absl::string_view event,
                          util_internal::SecureString* record) {
  record->clear();
  record->push_back(kVerbatim);
  record->append(event.data(), event.size());
}

namespace {

// One compact attribute entry, parsed.
struct Entry {
  const std::string* key;
  uint32_t kind;
  absl::string_view text;
  uint64_t number;  // int (two's complement) or double bits
};

bool ReadEntry(absl::string_view* record, const NameTable& names,
               Entry* entry) {
  uint64_t head;
  if (!ReadVarint(record, &head)) return false;
  entry->key = names.Get(static_cast<uint32_t>(head >> 3));
  if (entry->key == nullptr) return false;
  entry->kind = static_cast<uint32_t>(head & 7);
  switch (entry->kind) {
    case kString:
      return ReadBytes(record, &entry->text);
    case kInt: {
      uint64_t zigzag;
      if (!ReadVarint(record, &zigzag)) return false;
      entry->number = static_cast<uint64_t>(UnZigZag(zigzag));
      return true;
    }
    case kDouble:
      return ReadFixed64(record, &entry->number);
    case kFalse:
    case kTrue:
    case kNone:
      return true;
    default:
      return false;
  }
}

// The serialized Attribute's body size.
size_t EntryBodySize(const Entry& e) {
  size_t n = e.key->empty() ? 0 : FieldSize(e.key->size());
  switch (e.kind) {
    case kString:
      return n + FieldSize(e.text.size());
    case kInt:
      return n + 1 + VarintSize(e.number);
    case kDouble:
      return n + 1 + 8;
    case kFalse:
    case kTrue:
      return n + 2;
    default:
      return n;
  }
}

char* PutEntry(const Entry& e, char* p) {
  const size_t body = EntryBodySize(e);
  p = PutVarint((kEventAttribute << 3) | kLength, p);
  p = PutVarint(body, p);
  if (!e.key->empty()) p = PutField(kAttrKey, *e.key, p);
  switch (e.kind) {
    case kString:
      return PutField(kAttrString, e.text, p);
    case kInt:
      p = PutVarint((kAttrInt << 3) | kVarint, p);
      return PutVarint(e.number, p);
    case kDouble:
      p = PutVarint((kAttrDouble << 3) | kFixed64, p);
      return PutFixed64(e.number, p);
    case kFalse:
    case kTrue:
      p = PutVarint((kAttrBool << 3) | kVarint, p);
      *p++ = e.kind == kTrue ? 1 : 0;
      return p;
    default:
      return p;
  }
}

}  // namespace

absl::Status DecodeRecord(absl::string_view record, int64_t capture_ms,
                          absl::string_view category, const NameTable& names,
                          util_internal::SecureString* event) {
  const absl::Status malformed = absl::DataLossError("malformed event record");
  event->clear();
  if (record.empty()) return malformed;
  const char format = record.front();
  record.remove_prefix(1);
  if (format == kVerbatim) {
    event->assign(record.data(), record.size());
    return absl::OkStatus();
  }
  if (format != kCompact) return malformed;
  uint64_t name_id, epoch;
  absl::string_view id;
  if (!ReadVarint(&record, &name_id) || !ReadVarint(&record, &epoch) ||
      !ReadBytes(&record, &id)) {
    return malformed;
  }
  const std::string* name = names.Get(static_cast<uint32_t>(name_id));
  if (name == nullptr) return malformed;
  // Pass 1: the exact size (and a full check of the record).
  size_t size = 0;
  if (!id.empty()) size += FieldSize(id.size());
  if (!category.empty()) size += FieldSize(category.size());
  if (!name->empty()) size += FieldSize(name->size());
  if (capture_ms != 0)
    size += 1 + VarintSize(static_cast<uint64_t>(capture_ms));
  if (epoch != 0) size += 1 + VarintSize(epoch);
  for (absl::string_view rest = record; !rest.empty();) {
    Entry entry;
    if (!ReadEntry(&rest, names, &entry)) return malformed;
    size += FieldSize(EntryBodySize(entry));
  }
  // Pass 2: write, in telegate.proto.Event's canonical field order.
  event->resize(size);
  char* p = &(*event)[0];
  if (!id.empty()) p = PutField(kEventId, id, p);
  if (!category.empty()) p = PutField(kEventCategory, category, p);
  if (!name->empty()) p = PutField(kEventName, *name, p);
  if (capture_ms != 0) {
    p = PutVarint((kEventCapture << 3) | kVarint, p);
    p = PutVarint(static_cast<uint64_t>(capture_ms), p);
  }
  while (!record.empty()) {
    Entry entry;
    ReadEntry(&record, names, &entry);  // checked in pass 1
    p = PutEntry(entry, p);
  }
  if (epoch != 0) {
    p = PutVarint((kEventEpoch << 3) | kVarint, p);
    p = PutVarint(epoch, p);
  }
  return absl::OkStatus();
}

}  // namespace telegate::store_internal
