// ParsedEvent: a telegate.proto.Event decoded from stored plaintext, for the
// code that must look inside an event (partner stripping, anonymization).
//
// Protobuf allocates a parsed message's strings itself, with the standard
// allocator, so nothing would wipe them when the message is freed: a
// ParsedEvent overwrites every string of its event (inline bytes included)
// when it is destroyed, and serializes into secure memory.
//
//   ParsedEvent parsed;
//   if (!parsed.Parse(payload)) return absl::DataLossError("...");
//   parsed.event()->clear_consent_epoch();
//   util_internal::SecureString out = parsed.Serialize();
//   // ~ParsedEvent(): id, category, name and every attribute wiped.
#ifndef TELEGATE_EVENT_PARSED_EVENT_H_
#define TELEGATE_EVENT_PARSED_EVENT_H_

#include "absl/strings/string_view.h"
#include "telegate/event.pb.h"
#include "util/secure_memory.h"

namespace telegate::event_internal {

// Overwrites the attribute's key and string value in place.
void WipeAttribute(proto::Attribute* attribute);
// Overwrites every string of `event` in place (id, category, name, every
// attribute), so that freeing it afterwards leaves no plaintext.
void WipeEvent(proto::Event* event);

// Thread-compatible.
class ParsedEvent {
 public:
  ParsedEvent() = default;
  ~ParsedEvent() { WipeEvent(&event_); }
  ParsedEvent(const ParsedEvent&) = delete;
  ParsedEvent& operator=(const ParsedEvent&) = delete;

  // Decodes `bytes` (replacing what was held); false if they do not decode.
  bool Parse(absl::string_view bytes);
  proto::Event* event() { return &event_; }
  const proto::Event& get() const { return event_; }
  // The event in wire format (the generated serializer's bytes).
  util_internal::SecureString Serialize() const;

 private:
  proto::Event event_;
};

}  // namespace telegate::event_internal

#endif  // TELEGATE_EVENT_PARSED_EVENT_H_
