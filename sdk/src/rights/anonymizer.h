// Anonymizer: the irreversible transformation behind Client::Anonymize,
// driven by the catalog's AttributeSpec.identifying / .anonymize fields.
//
// Per attribute: KEEP keeps it; DROP, and any identifying attribute without
// an explicit rule, removes it; TRUNCATE_IP cuts an address to its network
// (IPv4 /24, IPv6 /48; a value that is not an address is removed);
// COARSEN_LOCATION rounds a coordinate to 2 decimal places (~1.1 km). An
// event of an identifying category left with no attribute is removed whole.
//
//   event_internal::ParsedEvent parsed;   // wipes the event when it goes
//   if (!parsed.Parse(payload) ||
//       !AnonymizeEvent(catalog, id, parsed.event())) { /* delete it */ }
#ifndef TELEGATE_RIGHTS_ANONYMIZER_H_
#define TELEGATE_RIGHTS_ANONYMIZER_H_

#include <string>

#include "absl/strings/string_view.h"
#include "catalog/catalog.h"
#include "telegate/event.pb.h"

namespace telegate::rights_internal {

// Rewrites `event` in place. Returns false if nothing of it may remain (the
// caller deletes it). What it removes or replaces is overwritten first, so
// the identifying values leave no copy in freed memory.
bool AnonymizeEvent(const catalog_internal::Catalog& catalog,
                    catalog_internal::CategoryId id, proto::Event* event);

// "192.168.7.42" -> "192.168.7.0"; "2001:db8:1:2::5" -> "2001:db8:1::";
// "" for anything that is not an IP address.
std::string TruncateIp(absl::string_view ip);

// Rounds to 2 decimal places.
double CoarsenCoordinate(double degrees);

}  // namespace telegate::rights_internal

#endif  // TELEGATE_RIGHTS_ANONYMIZER_H_
