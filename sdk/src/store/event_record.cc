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
constexpr uint32_t kAttrKey = 1, kAttrString = 2, kAttrInt = 3,
                   kAttrDouble = 4, kAttrBool = 5;

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

void PutVarint(uint64_t value, std::string* out) {
  while (value >= 0x80) {
    out->push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out->push_back(static_cast<char>(value));
}

size_t VarintSize(uint64_t value) {
  size_t n = 1;
  while (value >= 0x80) {
    value >>= 7;
    ++n;
  }
  return n;
}

void PutFixed64(uint64_t value, std::string* out) {
  for (int i = 0; i < 8; ++i) {
    out->push_back(static_cast<char>(value & 0xff));
    value >>= 8;
  }
}

void PutField(uint32_t field, absl::string_view bytes, std::string* out) {
  PutVarint((field << 3) | kLength, out);
  PutVarint(bytes.size(), out);
  out->append(bytes.data(), bytes.size());
}

uint64_t ZigZag(int64_t v) {
  return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
}
int64_t UnZigZag(uint64_t v) {
  return static_cast<int64_t>((v >> 1) ^ (~(v & 1) + 1));
}

// Parses one serialized Attribute into a compact entry appended to `out`.
bool CompactAttribute(absl::string_view body, NameTable* names,
                      std::string* out) {
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
  std::optional<uint32_t> key_id = names->Find(key);
  if (!key_id) key_id = names->Add(key);
  if (!key_id) return false;
  PutVarint((uint64_t{*key_id} << 3) | kind, out);
  switch (kind) {
    case kString:
      PutVarint(text.size(), out);
      out->append(text.data(), text.size());
      break;
    case kInt:
      PutVarint(ZigZag(static_cast<int64_t>(number)), out);
      break;
    case kDouble:
      PutFixed64(number, out);
      break;
    default:
      break;
  }
  return true;
}

// Builds the compact form, or returns false if the event does not fit it.
bool EncodeCompact(absl::string_view event, NameTable* names,
                   std::string* record) {
  absl::string_view id, name;
  uint64_t epoch = 0;
  std::string attributes;
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
      if (!CompactAttribute(bytes, names, &attributes)) return false;
    } else if (field == kEventEpoch && wire == kVarint) {
      epoch = number;
    } else {
      return false;
    }
  }
  std::optional<uint32_t> name_id = names->Find(name);
  if (!name_id) name_id = names->Add(name);
  if (!name_id) return false;
  record->clear();
  record->push_back(kCompact);
  PutVarint(*name_id, record);
  PutVarint(epoch, record);
  PutVarint(id.size(), record);
  record->append(id.data(), id.size());
  record->append(attributes);
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

void NameTable::Truncate(uint32_t first) {
  if (first == 0) first = 1;
  for (uint32_t id = first; id <= names_.size(); ++id) {
    if (used_[id - 1]) ids_.erase(names_[id - 1]);
  }
  if (first - 1 < names_.size()) {
    names_.resize(first - 1);
    used_.resize(first - 1);
  }
}

void EncodeRecord(absl::string_view event, int64_t capture_ms,
                  absl::string_view category, NameTable* names,
                  std::string* record, std::string* scratch) {
  if (EncodeCompact(event, names, record) &&
      DecodeRecord(*record, capture_ms, category, *names, scratch).ok() &&
      *scratch == event) {
    return;
  }
  record->clear();
  record->push_back(kVerbatim);
  record->append(event.data(), event.size());
}

absl::Status DecodeRecord(absl::string_view record, int64_t capture_ms,
                          absl::string_view category, const NameTable& names,
                          std::string* event) {
  const absl::Status malformed =
      absl::DataLossError("malformed event record");
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
  event->reserve(record.size() + id.size() + category.size() + name->size() +
                 64);
  if (!id.empty()) PutField(kEventId, id, event);
  if (!category.empty()) PutField(kEventCategory, category, event);
  if (!name->empty()) PutField(kEventName, *name, event);
  if (capture_ms != 0) {
    PutVarint((kEventCapture << 3) | kVarint, event);
    PutVarint(static_cast<uint64_t>(capture_ms), event);
  }
  while (!record.empty()) {
    uint64_t head;
    if (!ReadVarint(&record, &head)) return malformed;
    const std::string* key = names.Get(static_cast<uint32_t>(head >> 3));
    if (key == nullptr) return malformed;
    const uint32_t kind = static_cast<uint32_t>(head & 7);
    absl::string_view text;
    uint64_t number = 0;
    size_t value_size = 0;
    switch (kind) {
      case kString:
        if (!ReadBytes(&record, &text)) return malformed;
        value_size = 1 + VarintSize(text.size()) + text.size();
        break;
      case kInt: {
        uint64_t zigzag;
        if (!ReadVarint(&record, &zigzag)) return malformed;
        number = static_cast<uint64_t>(UnZigZag(zigzag));
        value_size = 1 + VarintSize(number);
        break;
      }
      case kDouble:
        if (!ReadFixed64(&record, &number)) return malformed;
        value_size = 1 + 8;
        break;
      case kFalse:
      case kTrue:
        value_size = 2;
        break;
      case kNone:
        break;
      default:
        return malformed;
    }
    size_t body = value_size;
    if (!key->empty()) body += 1 + VarintSize(key->size()) + key->size();
    PutVarint((kEventAttribute << 3) | kLength, event);
    PutVarint(body, event);
    if (!key->empty()) PutField(kAttrKey, *key, event);
    switch (kind) {
      case kString:
        PutField(kAttrString, text, event);
        break;
      case kInt:
        PutVarint((kAttrInt << 3) | kVarint, event);
        PutVarint(number, event);
        break;
      case kDouble:
        PutVarint((kAttrDouble << 3) | kFixed64, event);
        PutFixed64(number, event);
        break;
      case kFalse:
      case kTrue:
        PutVarint((kAttrBool << 3) | kVarint, event);
        event->push_back(kind == kTrue ? 1 : 0);
        break;
      default:
        break;
    }
  }
  if (epoch != 0) {
    PutVarint((kEventEpoch << 3) | kVarint, event);
    PutVarint(epoch, event);
  }
  return absl::OkStatus();
}

}  // namespace telegate::store_internal
