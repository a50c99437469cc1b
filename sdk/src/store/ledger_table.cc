#include "store/ledger_table.h"

#include "consent/ledger.h"
#include "util/status_macros.h"

namespace telegate::store_internal {

absl::Status LedgerTable::CreateSchema(SqlcipherDb* db) {
  return db->Exec(
      "CREATE TABLE IF NOT EXISTS ledger("
      "  seq INTEGER PRIMARY KEY,"
      "  entry BLOB NOT NULL,"
      "  hash BLOB NOT NULL)");
}

absl::StatusOr<proto::LedgerRecord> LedgerTable::Append(
    SqlcipherDb* db, proto::LedgerEntry entry) {
  TELEGATE_ASSIGN_OR_RETURN(
      Statement last,
      db->Prepare("SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1"));
  TELEGATE_ASSIGN_OR_RETURN(bool has_last, last.Step());
  if (has_last) {
    entry.set_seq(static_cast<uint64_t>(last.ColumnInt64(0)) + 1);
    entry.set_prev_hash(std::string(last.ColumnBlob(1)));
  } else {
    entry.set_seq(1);
    entry.set_prev_hash(consent_internal::GenesisHash());
  }
  proto::LedgerRecord record = consent_internal::SealEntry(entry);
  TELEGATE_ASSIGN_OR_RETURN(
      Statement insert,
      db->Prepare("INSERT INTO ledger(seq, entry, hash) VALUES(?, ?, ?)"));
  insert.BindInt64(1, static_cast<int64_t>(entry.seq()));
  insert.BindBlob(2, record.entry());
  insert.BindBlob(3, record.hash());
  TELEGATE_RETURN_IF_ERROR(insert.Run());
  return record;
}

absl::StatusOr<std::vector<proto::LedgerRecord>> LedgerTable::ReadAll(
    SqlcipherDb* db) {
  TELEGATE_ASSIGN_OR_RETURN(
      Statement stmt, db->Prepare("SELECT entry, hash FROM ledger ORDER BY seq"));
  std::vector<proto::LedgerRecord> records;
  for (;;) {
    TELEGATE_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    proto::LedgerRecord record;
    record.set_entry(std::string(stmt.ColumnBlob(0)));
    record.set_hash(std::string(stmt.ColumnBlob(1)));
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace telegate::store_internal
