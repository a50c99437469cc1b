// StripForPartner: what a partner recipient gets of an event — the same
// event without its identifying attributes (AttributeSpec.identifying in the
// catalog) and without its consent epoch.
//
//   TELEGATE_ASSIGN_OR_RETURN(util_internal::SecureString stripped,
//                             StripForPartner(payload, catalog.category(id)));
#ifndef TELEGATE_UPLOAD_PARTNER_FILTER_H_
#define TELEGATE_UPLOAD_PARTNER_FILTER_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "telegate/policy.pb.h"
#include "util/secure_memory.h"

namespace telegate::upload_internal {

// Returns the serialized event with identifying attributes removed (as
// declared for its event in `category`; an attribute the catalog does not
// declare is removed too) and consent_epoch cleared. kDataLoss if `payload`
// is not a serialized telegate.proto.Event. The working copy and what it
// removed are wiped; the result is in secure memory.
absl::StatusOr<util_internal::SecureString> StripForPartner(
    absl::string_view payload, const proto::Category& category);

}  // namespace telegate::upload_internal

#endif  // TELEGATE_UPLOAD_PARTNER_FILTER_H_
