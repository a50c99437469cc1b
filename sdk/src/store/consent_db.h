// ConsentDb: the encrypted database that holds the user's consent state and
// the last OS permission state the client saw (for startup reconciliation).
// It never holds event contents.
#ifndef TELEGATE_STORE_CONSENT_DB_H_
#define TELEGATE_STORE_CONSENT_DB_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "store/sqlcipher_db.h"

namespace telegate::store_internal {

struct ConsentRow {
  std::string category;
  bool granted = false;
  int64_t changed_ms = 0;
  uint32_t policy_major = 0;
  uint32_t policy_minor = 0;
};

// Thread-compatible: owned by the writer thread.
class ConsentDb {
 public:
  // PRAGMA user_version of the current layout; forward migrations from
  // every earlier version are in consent_db.cc.
  static constexpr int kSchemaVersion = 2;

  // Opens (creating if `create`) the consent database, migrating an older
  // schema forward. kDataLoss if `key` does not open it;
  // kFailedPrecondition (IsNewerSchema) if a newer library wrote it.
  static absl::StatusOr<std::unique_ptr<ConsentDb>> Open(
      const std::string& path, const SecretBytes& key, bool create,
      bool read_only = false);

  absl::StatusOr<std::vector<ConsentRow>> LoadConsents();
  absl::Status SaveConsent(const ConsentRow& row);

  // Permission name -> granted, as last persisted.
  absl::StatusOr<std::map<std::string, bool>> LoadPermissions();
  // Replaces the persisted permission state.
  absl::Status SavePermissions(const std::map<std::string, bool>& state);

  // The meta table: small named values (accepted policy, minor flags...).
  // GetMeta returns nullopt for a missing key.
  absl::StatusOr<std::optional<std::string>> GetMeta(absl::string_view key);
  absl::Status SetMeta(absl::string_view key, absl::string_view value);

  SqlcipherDb* db() { return db_.get(); }

 private:
  explicit ConsentDb(std::unique_ptr<SqlcipherDb> db) : db_(std::move(db)) {}

  std::unique_ptr<SqlcipherDb> db_;
};

}  // namespace telegate::store_internal

#endif  // TELEGATE_STORE_CONSENT_DB_H_
