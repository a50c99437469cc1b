// Schema versions and forward migrations for Telegate's SQLCipher files.
//
// Each file format is a list of steps; step i brings a file from version i to
// version i + 1 (step 0 creates the first schema in an empty file). The
// version lives in PRAGMA user_version. Files written before versions were
// recorded are recognised by `legacy_version` (it inspects the tables).
// Every pending step runs in ONE transaction together with the version bump,
// so a crash leaves the file at its old version or at the new one.
//
//   const MigrationStep steps[] = {CreateV1, V1ToV2};
//   TELEGATE_ASSIGN_OR_RETURN(int from, Migrate(db, steps, DetectLegacy));
#ifndef TELEGATE_STORE_SCHEMA_H_
#define TELEGATE_STORE_SCHEMA_H_

#include <functional>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "store/sqlcipher_db.h"

namespace telegate::store_internal {

// One forward step; runs inside the migration's transaction.
using MigrationStep = std::function<absl::Status(SqlcipherDb* db)>;

// For a file whose user_version is 0: the version its tables show (0 for an
// empty file).
using LegacyVersionFn = absl::StatusOr<int> (*)(SqlcipherDb* db);

// The version of the file (user_version, or the legacy detection for 0).
// kFailedPrecondition if it is newer than `current`.
absl::StatusOr<int> FileVersion(SqlcipherDb* db, int current,
                                 LegacyVersionFn legacy_version);

// Brings `db` to version steps.size(). Returns the version it was at.
// kFailedPrecondition (naming both versions) for a file newer than this
// library; the file is left untouched.
absl::StatusOr<int> Migrate(SqlcipherDb* db,
                            absl::Span<const MigrationStep> steps,
                            LegacyVersionFn legacy_version);

// True for the error FileVersion and Migrate return for a file written by a
// newer library (kFailedPrecondition with a marker payload).
bool IsNewerSchema(const absl::Status& status);

// True if the database has a table called `name`.
absl::StatusOr<bool> HasTable(SqlcipherDb* db, absl::string_view name);

}  // namespace telegate::store_internal

#endif  // TELEGATE_STORE_SCHEMA_H_
