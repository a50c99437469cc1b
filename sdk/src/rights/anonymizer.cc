#include "rights/anonymizer.h"

#include <arpa/inet.h>

#include <cmath>
#include <cstring>

#include "event/parsed_event.h"
#include "util/secure_memory.h"

namespace telegate::rights_internal {

namespace {

const proto::AttributeSpec* FindSpec(const proto::EventSpec* spec,
                                     const std::string& key) {
  if (spec == nullptr) return nullptr;
  for (const proto::AttributeSpec& a : spec->attributes()) {
    if (a.key() == key) return &a;
  }
  return nullptr;
}

proto::Anonymization Rule(const proto::AttributeSpec& spec) {
  if (spec.anonymize() != proto::ANONYMIZATION_DEFAULT) return spec.anonymize();
  return spec.identifying() ? proto::DROP : proto::KEEP;
}

}  // namespace

std::string TruncateIp(absl::string_view ip) {
  // The full address is identifying: its NUL-terminated copy and its
  // parsed bytes are wiped before returning.
  char text[INET6_ADDRSTRLEN + 1] = {};
  if (ip.size() >= sizeof(text)) return "";
  std::memcpy(text, ip.data(), ip.size());
  char out[INET6_ADDRSTRLEN] = {};
  unsigned char v4[4];
  unsigned char v6[16];
  std::string network;
  if (::inet_pton(AF_INET, text, v4) == 1) {
    v4[3] = 0;
    if (::inet_ntop(AF_INET, v4, out, sizeof(out))) network = out;
  } else if (::inet_pton(AF_INET6, text, v6) == 1) {
    std::memset(v6 + 6, 0, 10);
    if (::inet_ntop(AF_INET6, v6, out, sizeof(out))) network = out;
  }
  util_internal::SecureWipe(text, sizeof(text));
  util_internal::SecureWipe(v4, sizeof(v4));
  util_internal::SecureWipe(v6, sizeof(v6));
  return network;
}

double CoarsenCoordinate(double degrees) {
  if (!std::isfinite(degrees)) return 0;
  return std::round(degrees * 100.0) / 100.0;
}

bool AnonymizeEvent(const catalog_internal::Catalog& catalog,
                    catalog_internal::CategoryId id, proto::Event* event) {
  const proto::EventSpec* spec = catalog.FindEvent(id, event->name());
  auto* attributes = event->mutable_attributes();
  int kept = 0;
  for (int i = 0; i < attributes->size(); ++i) {
    proto::Attribute* a = attributes->Mutable(i);
    const proto::AttributeSpec* declared = FindSpec(spec, a->key());
    bool keep = false;
    // Undeclared: never kept.
    switch (declared == nullptr ? proto::DROP : Rule(*declared)) {
      case proto::KEEP:
        keep = true;
        break;
      case proto::TRUNCATE_IP: {
        std::string network = TruncateIp(a->string_value());
        if (!network.empty()) {
          util_internal::WipeStdString(a->mutable_string_value());
          a->set_string_value(network);
          keep = true;
        }
        break;
      }
      case proto::COARSEN_LOCATION: {
        const double coarse = CoarsenCoordinate(a->double_value());
        if (a->has_string_value()) {
          util_internal::WipeStdString(a->mutable_string_value());
        }
        a->set_double_value(coarse);
        keep = true;
        break;
      }
      default:  // DROP
        break;
    }
    if (keep) {
      if (kept != i) attributes->SwapElements(kept, i);
      ++kept;
    } else {
      event_internal::WipeAttribute(a);
    }
  }
  attributes->DeleteSubrange(kept, attributes->size() - kept);
  return kept > 0 || !catalog.category(id).identifying();
}

}  // namespace telegate::rights_internal
