#include "store/schema.h"

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "util/status_macros.h"

namespace telegate::store_internal {

namespace {
constexpr char kNewerSchemaPayload[] = "telegate.store/newer-schema";
}  // namespace

bool IsNewerSchema(const absl::Status& status) {
  return absl::IsFailedPrecondition(status) &&
         status.GetPayload(kNewerSchemaPayload).has_value();
}

absl::StatusOr<bool> HasTable(SqlcipherDb* db, absl::string_view name) {
  TELEGATE_ASSIGN_OR_RETURN(
      Statement stmt,
      db->Prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND "
                  "name = ?"));
  stmt.BindText(1, name);
  return stmt.Step();
}

absl::StatusOr<int> FileVersion(SqlcipherDb* db, int current,
                                LegacyVersionFn legacy_version) {
  TELEGATE_ASSIGN_OR_RETURN(int version, db->UserVersion());
  if (version == 0 && legacy_version != nullptr) {
    TELEGATE_ASSIGN_OR_RETURN(version, legacy_version(db));
  }
  if (version < 0 || version > current) {
    absl::Status status = absl::FailedPreconditionError(
        absl::StrCat(db->path(), " has schema version ", version,
                     ", newer than this library's ", current));
    status.SetPayload(kNewerSchemaPayload, absl::Cord("1"));
    return status;
  }
  return version;
}

absl::StatusOr<int> Migrate(SqlcipherDb* db,
                            absl::Span<const MigrationStep> steps,
                            LegacyVersionFn legacy_version) {
  const int current = static_cast<int>(steps.size());
  TELEGATE_ASSIGN_OR_RETURN(int from, FileVersion(db, current, legacy_version));
  if (from == current) return from;
  TELEGATE_RETURN_IF_ERROR(db->Exec("BEGIN IMMEDIATE"));
  absl::Status status;
  for (int v = from; status.ok() && v < current; ++v) {
    status = steps[v](db);
    if (!status.ok()) {
      status = absl::Status(
          status.code(), absl::StrCat("migrating ", db->path(), " from version ",
                                      v, ": ", status.message()));
    }
  }
  if (status.ok()) {
    status = db->Exec(absl::StrCat("PRAGMA user_version = ", current));
  }
  if (status.ok()) status = db->Exec("COMMIT");
  if (!status.ok()) db->Exec("ROLLBACK").IgnoreError();
  if (!status.ok()) return status;
  return from;
}

}  // namespace telegate::store_internal
