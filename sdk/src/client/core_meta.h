// What core.cc and core_startup.cc share: the keys Core keeps in the consent
// database's meta table, and a helper that runs work in one transaction.
// Internal to the client; used on the writer thread only.
#ifndef TELEGATE_SDK_SRC_CLIENT_CORE_META_H_
#define TELEGATE_SDK_SRC_CLIENT_CORE_META_H_

#include "absl/status/status.h"
#include "store/sqlcipher_db.h"
#include "util/status_macros.h"

namespace telegate::client_internal {

inline constexpr char kMetaAcceptedPolicy[] = "accepted_policy";
inline constexpr char kMetaMinor[] = "minor";
inline constexpr char kMetaGuardian[] = "guardian";
inline constexpr char kMetaOpenSet[] = "open_categories";
// "1" once every consent on record has its consent token (see
// Store::EnsureConsentToken); a database from before tokens gets them at
// its first start instead of having its consents read as revoked.
inline constexpr char kMetaConsentTokens[] = "consent_tokens";

// Runs `fn` inside one transaction of `db`.
template <typename Fn>
absl::Status InTransaction(store_internal::SqlcipherDb* db, Fn fn) {
  TELEGATE_RETURN_IF_ERROR(db->Exec("BEGIN IMMEDIATE"));
  absl::Status status = fn();
  if (status.ok()) status = db->Exec("COMMIT");
  if (!status.ok()) db->Exec("ROLLBACK").IgnoreError();
  return status;
}

}  // namespace telegate::client_internal

#endif  // TELEGATE_SDK_SRC_CLIENT_CORE_META_H_
