#include "event/parsed_event.h"

#include <cstdint>

namespace telegate::event_internal {

void WipeAttribute(proto::Attribute* attribute) {
  util_internal::WipeStdString(attribute->mutable_key());
  if (attribute->has_string_value()) {
    util_internal::WipeStdString(attribute->mutable_string_value());
  }
}

void WipeEvent(proto::Event* event) {
  util_internal::WipeStdString(event->mutable_id());
  util_internal::WipeStdString(event->mutable_category());
  util_internal::WipeStdString(event->mutable_name());
  for (proto::Attribute& attribute : *event->mutable_attributes()) {
    WipeAttribute(&attribute);
  }
}

bool ParsedEvent::Parse(absl::string_view bytes) {
  WipeEvent(&event_);
  event_.Clear();
  return event_.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()));
}

util_internal::SecureString ParsedEvent::Serialize() const {
  util_internal::SecureString out(event_.ByteSizeLong(), '\0');
  if (!out.empty()) {
    event_.SerializeWithCachedSizesToArray(reinterpret_cast<uint8_t*>(&out[0]));
  }
  return out;
}

}  // namespace telegate::event_internal
