#include "rights/anonymizer.h"

#include <arpa/inet.h>

#include <cmath>
#include <cstring>

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
  std::string text(ip);
  char out[INET6_ADDRSTRLEN] = {};
  unsigned char v4[4];
  if (::inet_pton(AF_INET, text.c_str(), v4) == 1) {
    v4[3] = 0;
    return ::inet_ntop(AF_INET, v4, out, sizeof(out)) ? out : "";
  }
  unsigned char v6[16];
  if (::inet_pton(AF_INET6, text.c_str(), v6) == 1) {
    std::memset(v6 + 6, 0, 10);
    return ::inet_ntop(AF_INET6, v6, out, sizeof(out)) ? out : "";
  }
  return "";
}

double CoarsenCoordinate(double degrees) {
  if (!std::isfinite(degrees)) return 0;
  return std::round(degrees * 100.0) / 100.0;
}

std::optional<proto::Event> AnonymizeEvent(
    const catalog_internal::Catalog& catalog, catalog_internal::CategoryId id,
    const proto::Event& event) {
  const proto::EventSpec* spec = catalog.FindEvent(id, event.name());
  proto::Event out = event;
  out.clear_attributes();
  for (const proto::Attribute& a : event.attributes()) {
    const proto::AttributeSpec* declared = FindSpec(spec, a.key());
    if (declared == nullptr) continue;  // undeclared: never kept
    switch (Rule(*declared)) {
      case proto::KEEP:
        *out.add_attributes() = a;
        break;
      case proto::TRUNCATE_IP: {
        std::string network = TruncateIp(a.string_value());
        if (!network.empty()) {
          proto::Attribute* kept = out.add_attributes();
          kept->set_key(a.key());
          kept->set_string_value(network);
        }
        break;
      }
      case proto::COARSEN_LOCATION: {
        proto::Attribute* kept = out.add_attributes();
        kept->set_key(a.key());
        kept->set_double_value(CoarsenCoordinate(a.double_value()));
        break;
      }
      default:  // DROP
        break;
    }
  }
  if (out.attributes().empty() && catalog.category(id).identifying()) {
    return std::nullopt;
  }
  return out;
}

}  // namespace telegate::rights_internal
