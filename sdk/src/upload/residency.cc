#include "upload/residency.h"

namespace telegate::upload_internal {

bool RegionAllowed(const proto::Category& category, const std::string& region) {
  for (const std::string& allowed : category.allowed_regions()) {
    if (allowed == "*" || allowed == region) return true;
  }
  return false;
}

bool PartnerMayReceive(const proto::Category& category) {
  return !category.identifying() && category.sensitivity() != proto::SENSITIVE;
}

bool MayReceive(const proto::Category& category, const Endpoint& endpoint,
                bool cross_border_consent) {
  if (endpoint.partner && !PartnerMayReceive(category)) return false;
  return RegionAllowed(category, endpoint.region) || cross_border_consent;
}

std::optional<size_t> Route(
    const proto::Category& category, const std::vector<Endpoint>& endpoints,
    const std::function<bool(const std::string& region)>& cross_border) {
  for (size_t i = 0; i < endpoints.size(); ++i) {
    const Endpoint& e = endpoints[i];
    bool consent = !RegionAllowed(category, e.region) && cross_border(e.region);
    if (MayReceive(category, e, consent)) return i;
  }
  return std::nullopt;
}

}  // namespace telegate::upload_internal
