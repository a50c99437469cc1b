// Residency and partner rules: which categories an endpoint may receive,
// and which endpoint each category's events go to.
//
//   if (MayReceive(catalog.category(id), endpoint, has_cross_border)) ...
//
// Pure functions of the catalog entry, the endpoint and the consents.
#ifndef TELEGATE_UPLOAD_RESIDENCY_H_
#define TELEGATE_UPLOAD_RESIDENCY_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "telegate/policy.pb.h"
#include "telegate/upload.h"

namespace telegate::upload_internal {

// True if the catalog lets `category` go to `region` without a
// cross-border consent: its allowed_regions holds the region or "*".
bool RegionAllowed(const proto::Category& category, const std::string& region);

// True if a partner (advertising, analytics) may receive the category at
// all: it is neither identifying nor sensitive.
bool PartnerMayReceive(const proto::Category& category);

// True if `endpoint` may receive `category`: the partner rule holds, and
// the region is allowed by the catalog or by a cross-border consent.
bool MayReceive(const proto::Category& category, const Endpoint& endpoint,
                bool cross_border_consent);

// The index of the endpoint `category` is routed to: the first in
// `endpoints` that may receive it. `cross_border(region)` says whether the
// user consented to sending this category to `region`.
std::optional<size_t> Route(
    const proto::Category& category, const std::vector<Endpoint>& endpoints,
    const std::function<bool(const std::string& region)>& cross_border);

}  // namespace telegate::upload_internal

#endif  // TELEGATE_UPLOAD_RESIDENCY_H_
