// Cross-border consents: the user's explicit permission to send a category
// to a region its catalog entry does not allow, kept in the consent
// database (telegate.db) in its own table.
//
//   TELEGATE_RETURN_IF_ERROR(SaveCrossBorderConsent(db, {"log.search", "SG",
//                                                        true, now_ms}));
//   TELEGATE_ASSIGN_OR_RETURN(auto rows, LoadCrossBorderConsents(db));
//
// Functions on a connection the caller owns (the writer thread's).
#ifndef TELEGATE_STORE_CROSS_BORDER_CONSENT_H_
#define TELEGATE_STORE_CROSS_BORDER_CONSENT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "store/sqlcipher_db.h"

namespace telegate::store_internal {

struct CrossBorderRow {
  std::string category;
  std::string region;  // ISO 3166 alpha-2
  bool granted = false;
  int64_t changed_ms = 0;
  uint32_t policy_major = 0;
  uint32_t policy_minor = 0;
};

// Every recorded row (granted or withdrawn). Creates the table if missing.
absl::StatusOr<std::vector<CrossBorderRow>> LoadCrossBorderConsents(
    SqlcipherDb* db);
// Records `row`, replacing an earlier one for the same category and region.
// Creates the table if missing. Durable when it returns (the consent
// database runs with synchronous=FULL).
absl::Status SaveCrossBorderConsent(SqlcipherDb* db, const CrossBorderRow& row);

}  // namespace telegate::store_internal

#endif  // TELEGATE_STORE_CROSS_BORDER_CONSENT_H_
