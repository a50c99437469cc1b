#include "event/event_codec.h"

#include <cstring>

#include "absl/random/random.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/io/coded_stream.h"
#include "util/mutex.h"

namespace telegate::event_internal {
namespace {

using ::google::protobuf::io::CodedOutputStream;

// Wire types.
constexpr uint32_t kVarint = 0;
constexpr uint32_t kFixed64 = 1;
constexpr uint32_t kLengthDelimited = 2;

constexpr uint32_t Tag(uint32_t field, uint32_t wire_type) {
  return (field << 3) | wire_type;
}

// telegate.proto.Event field numbers.
constexpr uint32_t kEventId = 1;
constexpr uint32_t kEventCategory = 2;
constexpr uint32_t kEventName = 3;
constexpr uint32_t kEventCaptureTime = 4;
constexpr uint32_t kEventAttributes = 5;
constexpr uint32_t kEventEpoch = 6;
// telegate.proto.Attribute field numbers.
constexpr uint32_t kAttrKey = 1;
constexpr uint32_t kAttrString = 2;
constexpr uint32_t kAttrInt = 3;
constexpr uint32_t kAttrDouble = 4;
constexpr uint32_t kAttrBool = 5;

size_t LengthDelimitedSize(size_t payload) {
  return 1 + CodedOutputStream::VarintSize32(static_cast<uint32_t>(payload)) +
         payload;
}

size_t AttributeBodySize(const Attribute& a) {
  size_t n = 0;
  if (!a.key().empty()) n += LengthDelimitedSize(a.key().size());
  switch (a.type()) {
    case Attribute::Type::kString:
      n += LengthDelimitedSize(a.string_value().size());
      break;
    case Attribute::Type::kInt:
      n += 1 + CodedOutputStream::VarintSize64(
                   static_cast<uint64_t>(a.int_value()));
      break;
    case Attribute::Type::kDouble:
      n += 1 + 8;
      break;
    case Attribute::Type::kBool:
      n += 1 + 1;
      break;
  }
  return n;
}

uint8_t* WriteBytes(uint32_t field, absl::string_view s, uint8_t* p) {
  p = CodedOutputStream::WriteTagToArray(Tag(field, kLengthDelimited), p);
  p = CodedOutputStream::WriteVarint32ToArray(static_cast<uint32_t>(s.size()),
                                              p);
  if (!s.empty()) std::memcpy(p, s.data(), s.size());
  return p + s.size();
}

bool TypeMatches(Attribute::Type type, proto::AttributeType declared) {
  switch (type) {
    case Attribute::Type::kString:
      return declared == proto::STRING;
    case Attribute::Type::kInt:
      return declared == proto::INT;
    case Attribute::Type::kDouble:
      return declared == proto::DOUBLE;
    case Attribute::Type::kBool:
      return declared == proto::BOOL;
  }
  return false;
}

const char* TypeName(proto::AttributeType t) {
  switch (t) {
    case proto::STRING:
      return "string";
    case proto::INT:
      return "int";
    case proto::DOUBLE:
      return "double";
    case proto::BOOL:
      return "bool";
    default:
      return "unknown";
  }
}

}  // namespace

bool IsValidUtf8(absl::string_view s) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
  const unsigned char* end = p + s.size();
  while (p < end) {
    // ASCII runs, 8 bytes at a time.
    while (end - p >= 8) {
      uint64_t word;
      std::memcpy(&word, p, sizeof(word));
      if ((word & 0x8080808080808080ull) != 0) break;
      p += 8;
    }
    if (p == end) break;
    unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    int len;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (end - p < len) return false;
    for (int i = 1; i < len; ++i) {
      if ((p[i] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i] & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
        (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    p += len;
  }
  return true;
}

absl::Status ValidateAttributes(const proto::EventSpec& spec,
                                absl::Span<const Attribute> attributes) {
  for (size_t i = 0; i < attributes.size(); ++i) {
    const Attribute& a = attributes[i];
    const proto::AttributeSpec* declared = nullptr;
    for (const proto::AttributeSpec& s : spec.attributes()) {
      if (s.key() == a.key()) {
        declared = &s;
        break;
      }
    }
    if (declared == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat(
          "event ", spec.name(), " declares no attribute \"", a.key(), "\""));
    }
    if (!TypeMatches(a.type(), declared->type())) {
      return absl::InvalidArgumentError(
          absl::StrCat("attribute ", a.key(), " of event ", spec.name(),
                       " must be ", TypeName(declared->type())));
    }
    if (a.type() == Attribute::Type::kString &&
        !IsValidUtf8(a.string_value())) {
      return absl::InvalidArgumentError(
          absl::StrCat("attribute ", a.key(), " is not valid UTF-8"));
    }
    for (size_t j = 0; j < i; ++j) {
      if (attributes[j].key() == a.key()) {
        return absl::InvalidArgumentError(
            absl::StrCat("attribute ", a.key(), " given twice"));
      }
    }
  }
  return absl::OkStatus();
}

size_t EncodedEventSize(const EventFields& f,
                        absl::Span<const Attribute> attributes) {
  size_t n = 0;
  if (!f.id.empty()) n += LengthDelimitedSize(f.id.size());
  if (!f.category.empty()) n += LengthDelimitedSize(f.category.size());
  if (!f.name.empty()) n += LengthDelimitedSize(f.name.size());
  if (f.capture_time_ms != 0) {
    n += 1 + CodedOutputStream::VarintSize64(
                 static_cast<uint64_t>(f.capture_time_ms));
  }
  for (const Attribute& a : attributes) {
    n += LengthDelimitedSize(AttributeBodySize(a));
  }
  if (f.consent_epoch != 0) {
    n += 1 + CodedOutputStream::VarintSize64(f.consent_epoch);
  }
  return n;
}

util_internal::SecureString EncodeEvent(
    const EventFields& f, absl::Span<const Attribute> attributes) {
  return EncodeEvent(f, attributes, EncodedEventSize(f, attributes));
}

util_internal::SecureString EncodeEvent(const EventFields& f,
                                        absl::Span<const Attribute> attributes,
                                        size_t encoded_size) {
  util_internal::SecureString out(encoded_size, '\0');
  uint8_t* p = reinterpret_cast<uint8_t*>(&out[0]);
  if (!f.id.empty()) p = WriteBytes(kEventId, f.id, p);
  if (!f.category.empty()) p = WriteBytes(kEventCategory, f.category, p);
  if (!f.name.empty()) p = WriteBytes(kEventName, f.name, p);
  if (f.capture_time_ms != 0) {
    p = CodedOutputStream::WriteTagToArray(Tag(kEventCaptureTime, kVarint), p);
    p = CodedOutputStream::WriteVarint64ToArray(
        static_cast<uint64_t>(f.capture_time_ms), p);
  }
  for (const Attribute& a : attributes) {
    p = CodedOutputStream::WriteTagToArray(
        Tag(kEventAttributes, kLengthDelimited), p);
    p = CodedOutputStream::WriteVarint32ToArray(
        static_cast<uint32_t>(AttributeBodySize(a)), p);
    if (!a.key().empty()) p = WriteBytes(kAttrKey, a.key(), p);
    switch (a.type()) {
      case Attribute::Type::kString:
        p = WriteBytes(kAttrString, a.string_value(), p);
        break;
      case Attribute::Type::kInt:
        p = CodedOutputStream::WriteTagToArray(Tag(kAttrInt, kVarint), p);
        p = CodedOutputStream::WriteVarint64ToArray(
            static_cast<uint64_t>(a.int_value()), p);
        break;
      case Attribute::Type::kDouble: {
        p = CodedOutputStream::WriteTagToArray(Tag(kAttrDouble, kFixed64), p);
        uint64_t bits;
        double d = a.double_value();
        std::memcpy(&bits, &d, sizeof(bits));
        p = CodedOutputStream::WriteLittleEndian64ToArray(bits, p);
        break;
      }
      case Attribute::Type::kBool:
        p = CodedOutputStream::WriteTagToArray(Tag(kAttrBool, kVarint), p);
        *p++ = a.bool_value() ? 1 : 0;
        break;
    }
  }
  if (f.consent_epoch != 0) {
    p = CodedOutputStream::WriteTagToArray(Tag(kEventEpoch, kVarint), p);
    p = CodedOutputStream::WriteVarint64ToArray(f.consent_epoch, p);
  }
  return out;
}

namespace {

// A generator seeded from abseil's shared entropy pool. The pool is guarded
// by abseil's own spinlock, which ThreadSanitizer cannot see in Debian's
// (uninstrumented) abseil: seeding under a std::mutex as well gives the
// happens-before TSan can check, at the cost of one lock per thread.
absl::BitGen SeededGenerator() {
  static Mutex seed_mu;  // trivially destructible
  MutexLock lock(&seed_mu);
  return absl::BitGen();
}

}  // namespace

void NewEventId(char out[kEventIdSize]) {
  thread_local absl::BitGen gen = SeededGenerator();
  uint64_t a = absl::Uniform<uint64_t>(gen);
  uint64_t b = absl::Uniform<uint64_t>(gen);
  std::memcpy(out, &a, 8);
  std::memcpy(out + 8, &b, 8);
}

}  // namespace telegate::event_internal
