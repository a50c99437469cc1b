#include "store/consent_db.h"

#include "store/ledger_table.h"
#include "store/schema.h"
#include "util/status_macros.h"

namespace telegate::store_internal {

namespace {

// Version 1: the foundation's layout (it also recorded the version in
// meta.schema_version before user_version was used).
constexpr char kSchemaV1[] =
    "CREATE TABLE meta("
    "  key TEXT PRIMARY KEY, value BLOB) WITHOUT ROWID;"
    "INSERT INTO meta(key, value) VALUES('schema_version', 1);"
    "CREATE TABLE consent("
    "  category TEXT PRIMARY KEY,"
    "  granted INTEGER NOT NULL,"
    "  changed_ms INTEGER NOT NULL,"
    "  policy_major INTEGER NOT NULL,"
    "  policy_minor INTEGER NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE os_permission("
    "  name TEXT PRIMARY KEY, granted INTEGER NOT NULL) WITHOUT ROWID;";

absl::Status CreateV1(SqlcipherDb* db) { return db->Exec(kSchemaV1); }

// Version 2: the hash-chained consent ledger.
absl::Status AddLedger(SqlcipherDb* db) {
  return LedgerTable::CreateSchema(db);
}

// Files written before user_version was used: their tables tell.
absl::StatusOr<int> LegacyVersion(SqlcipherDb* db) {
  TELEGATE_ASSIGN_OR_RETURN(bool has_ledger, HasTable(db, "ledger"));
  if (has_ledger) return 2;
  TELEGATE_ASSIGN_OR_RETURN(bool has_consent, HasTable(db, "consent"));
  return has_consent ? 1 : 0;
}

}  // namespace

absl::StatusOr<std::unique_ptr<ConsentDb>> ConsentDb::Open(
    const std::string& path, const SecretBytes& key, bool create,
    bool read_only) {
  OpenOptions options;
  options.create = create;
  options.read_only = read_only;
  options.synchronous_full = true;
  TELEGATE_ASSIGN_OR_RETURN(std::unique_ptr<SqlcipherDb> db,
                            SqlcipherDb::Open(path, key, options));
  // Forward migrations: step i brings version i to i + 1.
  const MigrationStep steps[] = {&CreateV1, &AddLedger};
  static_assert(sizeof(steps) / sizeof(steps[0]) == kSchemaVersion);
  if (read_only) {
    TELEGATE_RETURN_IF_ERROR(
        FileVersion(db.get(), kSchemaVersion, &LegacyVersion).status());
  } else {
    TELEGATE_RETURN_IF_ERROR(
        Migrate(db.get(), steps, &LegacyVersion).status());
  }
  return std::unique_ptr<ConsentDb>(new ConsentDb(std::move(db)));
}

absl::StatusOr<std::vector<ConsentRow>> ConsentDb::LoadConsents() {
  TELEGATE_ASSIGN_OR_RETURN(
      Statement stmt,
      db_->Prepare("SELECT category, granted, changed_ms, policy_major,"
                   " policy_minor FROM consent"));
  std::vector<ConsentRow> rows;
  for (;;) {
    TELEGATE_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
    if (!has_row) break;
    ConsentRow row;
    row.category = std::string(stmt.ColumnText(0));
    row.granted = stmt.ColumnInt64(1) != 0;
    row.changed_ms = stmt.ColumnInt64(2);
    row.policy_major = static_cast<uint32_t>(stmt.ColumnInt64(3));
    row.policy_minor = static_cast<uint32_t>(stmt.ColumnInt64(4));
    rows.push_back(std::move(row));
  }
  return rows;
}

absl::Status ConsentDb::SaveConsent(const ConsentRow& row) {
  TELEGATE_ASSIGN_OR_RETURN(
      Statement stmt,
      db_->Prepare("INSERT OR REPLACE INTO consent(category, granted,"
                   " changed_ms, policy_major, policy_minor)"
                   " VALUES(?, ?, ?, ?, ?)"));
  stmt.BindText(1, row.category);
  stmt.BindInt64(2, row.granted ? 1 : 0);
  stmt.BindInt64(3, row.changed_ms);
  stmt.BindInt64(4, row.policy_major);
  stmt.BindInt64(5, row.policy_minor);
  return stmt.Run();
}

absl::StatusOr<std::map<std::string, bool>> ConsentDb::LoadPermissions() {
  TELEGATE_ASSIGN_OR_RETURN(
      Statement stmt, db_->Prepare("SELECT name, granted FROM os_permission"));
  std::map<std::string, bool> state;
  for (;;) {
    TELEGATE_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
    if (!has_row) break;
    state[std::string(stmt.ColumnText(0))] = stmt.ColumnInt64(1) != 0;
  }
  return state;
}

absl::Status ConsentDb::SavePermissions(
    const std::map<std::string, bool>& state) {
  TELEGATE_RETURN_IF_ERROR(db_->Exec("BEGIN IMMEDIATE"));
  absl::Status status = db_->Exec("DELETE FROM os_permission");
  if (status.ok()) {
    absl::StatusOr<Statement> stmt = db_->Prepare(
        "INSERT INTO os_permission(name, granted) VALUES(?, ?)");
    status = stmt.status();
    for (auto it = state.begin(); status.ok() && it != state.end(); ++it) {
      stmt->BindText(1, it->first);
      stmt->BindInt64(2, it->second ? 1 : 0);
      status = stmt->Run();
      stmt->Reset();
    }
  }
  if (status.ok()) status = db_->Exec("COMMIT");
  if (!status.ok()) db_->Exec("ROLLBACK").IgnoreError();
  return status;
}

}  // namespace telegate::store_internal

namespace telegate::store_internal {

absl::StatusOr<std::optional<std::string>> ConsentDb::GetMeta(
    absl::string_view key) {
  TELEGATE_ASSIGN_OR_RETURN(Statement stmt,
                            db_->Prepare("SELECT value FROM meta WHERE key = ?"));
  stmt.BindText(1, key);
  TELEGATE_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(std::string(stmt.ColumnBlob(0)));
}

absl::Status ConsentDb::SetMeta(absl::string_view key, absl::string_view value) {
  TELEGATE_ASSIGN_OR_RETURN(
      Statement stmt,
      db_->Prepare("INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)"));
  stmt.BindText(1, key);
  stmt.BindBlob(2, value);
  return stmt.Run();
}

}  // namespace telegate::store_internal
