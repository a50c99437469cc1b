// Event validation against the catalog, and the allocation-lean encoder that
// turns a Track call into a serialized telegate.proto.Event on the caller's
// thread (one allocation, exact size, in secure memory: util/secure_memory.h;
// same bytes as the generated serializer).
//
//   TELEGATE_RETURN_IF_ERROR(ValidateAttributes(*spec, attributes));
//   util_internal::SecureString payload = EncodeEvent(fields, attributes);
#ifndef TELEGATE_EVENT_EVENT_CODEC_H_
#define TELEGATE_EVENT_EVENT_CODEC_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "telegate/attribute.h"
#include "telegate/policy.pb.h"
#include "util/secure_memory.h"

namespace telegate::event_internal {

constexpr size_t kEventIdSize = 16;

// The envelope fields of an event (everything but its attributes).
struct EventFields {
  absl::string_view id;        // kEventIdSize bytes
  absl::string_view category;  // catalog name
  absl::string_view name;      // declared event name
  int64_t capture_time_ms = 0;
  uint64_t consent_epoch = 0;
};

// OK if every attribute is declared by `spec` with the matching type, no key
// repeats and every string is valid UTF-8. kInvalidArgument otherwise,
// naming the attribute.
absl::Status ValidateAttributes(const proto::EventSpec& spec,
                                absl::Span<const Attribute> attributes);

// The exact size EncodeEvent will produce.
size_t EncodedEventSize(const EventFields& fields,
                        absl::Span<const Attribute> attributes);

// Serializes the event in protobuf wire format, byte-identical to
// telegate.proto.Event::SerializeAsString() of the same content.
util_internal::SecureString EncodeEvent(const EventFields& fields,
                                        absl::Span<const Attribute> attributes);
// As above, when the caller already has `encoded_size`, which must equal
// EncodedEventSize(fields, attributes).
util_internal::SecureString EncodeEvent(const EventFields& fields,
                                        absl::Span<const Attribute> attributes,
                                        size_t encoded_size);

// Fills `out` with kEventIdSize random bytes from a per-thread generator
// (not linked to the user or device).
void NewEventId(char out[kEventIdSize]);

// True if `s` is well-formed UTF-8.
bool IsValidUtf8(absl::string_view s);

}  // namespace telegate::event_internal

#endif  // TELEGATE_EVENT_EVENT_CODEC_H_
