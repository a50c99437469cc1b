#include "store/consent_db.h"

#include "store/ledger_table.h"
#include "util/status_macros.h"

namespace telegate::store_internal {

namespace {
constexpr int kSchemaVersion = 1;
constexpr char kSchema[] =
    "CREATE TABLE IF NOT EXISTS meta("
    "  key TEXT PRIMARY KEY, value BLOB) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS consent("
    "  category TEXT PRIMARY KEY,"
    "  granted INTEGER NOT NULL,"
    "  changed_ms INTEGER NOT NULL,"
    "  policy_major INTEGER NOT NULL,"
    "  policy_minor INTEGER NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS os_permission("
    "  name TEXT PRIMARY KEY, granted INTEGER NOT NULL) WITHOUT ROWID;";
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
  if (!read_only) {
    TELEGATE_RETURN_IF_ERROR(db->Exec(kSchema));
    TELEGATE_RETURN_IF_ERROR(LedgerTable::CreateSchema(db.get()));
    TELEGATE_ASSIGN_OR_RETURN(Statement stmt,
                              db->Prepare("INSERT OR IGNORE INTO meta(key, value)"
                                          " VALUES('schema_version', ?)"));
    stmt.BindInt64(1, kSchemaVersion);
    TELEGATE_RETURN_IF_ERROR(stmt.Run());
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
