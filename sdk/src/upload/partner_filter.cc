#include "upload/partner_filter.h"

#include <openssl/crypto.h>

#include "telegate/event.pb.h"

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

absl::StatusOr<std::string> StripForPartner(absl::string_view payload,
                                            const proto::Category& category) {
  proto::Event event;
  if (!event.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) {
    return absl::DataLossError("a buffered event does not decode");
  }
  auto* attributes = event.mutable_attributes();
  int kept = 0;
  for (int i = 0; i < attributes->size(); ++i) {
    if (KeepAttribute(category, event.name(), attributes->Get(i).key())) {
      if (kept != i) attributes->SwapElements(kept, i);
      ++kept;
    } else if (attributes->Get(i).has_string_value()) {
      std::string* value = attributes->Mutable(i)->mutable_string_value();
      if (!value->empty()) OPENSSL_cleanse(&(*value)[0], value->size());
    }
  }
  attributes->DeleteSubrange(kept, attributes->size() - kept);
  event.clear_consent_epoch();
  return event.SerializeAsString();
}

}  // namespace telegate::upload_internal
