#include "store/cross_border_consent.h"

#include "util/status_macros.h"

namespace telegate::store_internal {

namespace {
constexpr char kSchema[] =
    "CREATE TABLE IF NOT EXISTS cross_border_consent("
    "  category TEXT NOT NULL,"
    "  region TEXT NOT NULL,"
    "  granted INTEGER NOT NULL,"
    "  changed_ms INTEGER NOT NULL,"
    "  policy_major INTEGER NOT NULL,"
    "  policy_minor INTEGER NOT NULL,"
    "  PRIMARY KEY(category, region)) WITHOUT ROWID";
}  // namespace

absl::StatusOr<std::vector<CrossBorderRow>> LoadCrossBorderConsents(
    SqlcipherDb* db) {
  TELEGATE_RETURN_IF_ERROR(db->Exec(kSchema));
  TELEGATE_ASSIGN_OR_RETURN(
      Statement stmt,
      db->Prepare("SELECT category, region, granted, changed_ms, policy_major,"
                  " policy_minor FROM cross_border_consent"));
  std::vector<CrossBorderRow> rows;
  for (;;) {
    TELEGATE_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
    if (!has_row) break;
    CrossBorderRow row;
    row.category = std::string(stmt.ColumnText(0));
    row.region = std::string(stmt.ColumnText(1));
    row.granted = stmt.ColumnInt64(2) != 0;
    row.changed_ms = stmt.ColumnInt64(3);
    row.policy_major = static_cast<uint32_t>(stmt.ColumnInt64(4));
    row.policy_minor = static_cast<uint32_t>(stmt.ColumnInt64(5));
    rows.push_back(std::move(row));
  }
  return rows;
}

absl::Status SaveCrossBorderConsent(SqlcipherDb* db, const CrossBorderRow& row) {
  TELEGATE_RETURN_IF_ERROR(db->Exec(kSchema));
  TELEGATE_ASSIGN_OR_RETURN(
      Statement stmt,
      db->Prepare("INSERT OR REPLACE INTO cross_border_consent(category, region,"
                  " granted, changed_ms, policy_major, policy_minor)"
                  " VALUES(?, ?, ?, ?, ?, ?)"));
  stmt.BindText(1, row.category);
  stmt.BindText(2, row.region);
  stmt.BindInt64(3, row.granted ? 1 : 0);
  stmt.BindInt64(4, row.changed_ms);
  stmt.BindInt64(5, row.policy_major);
  stmt.BindInt64(6, row.policy_minor);
  return stmt.Run();
}

}  // namespace telegate::store_internal
