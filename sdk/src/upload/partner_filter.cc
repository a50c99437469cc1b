#include "upload/partner_filter.h"

#include "event/parsed_event.h"

namespace telegate::upload_internal {

namespace {

// True if `key` is declared, and not identifying, for `event` in `category`.
bool KeepAttribute(const proto::Category& category, const std::string& event,
                   const std::string& key) {
  for (const proto::EventSpec& spec : category.events()) {
    if (spec.name() != event) continue;
    for (const proto::AttributeSpec& a : spec.attributes()) {
      if (a.key() == key) return !a.identifying();
    }
  }
  return false;
}

}  // namespace

absl::StatusOr<util_internal::SecureString> StripForPartner(
    absl::string_view payload, const proto::Category& category) {
  event_internal::ParsedEvent parsed;
  if (!parsed.Parse(payload)) {
    return absl::DataLossError("a buffered event does not decode");
  }
  proto::Event& event = *parsed.event();
  auto* attributes = event.mutable_attributes();
  int kept = 0;
  for (int i = 0; i < attributes->size(); ++i) {
    if (KeepAttribute(category, event.name(), attributes->Get(i).key())) {
      if (kept != i) attributes->SwapElements(kept, i);
      ++kept;
    } else {
      event_internal::WipeAttribute(attributes->Mutable(i));
    }
  }
  attributes->DeleteSubrange(kept, attributes->size() - kept);
  event.clear_consent_epoch();
  return parsed.Serialize();
}

}  // namespace telegate::upload_internal
