// LedgerTable: the consent ledger's table in the consent database.
//
//   ledger(seq INTEGER PRIMARY KEY, entry BLOB NOT NULL, hash BLOB NOT NULL)
//
// Append links each entry to the last stored one (consent/ledger.h).
#ifndef TELEGATE_STORE_LEDGER_TABLE_H_
#define TELEGATE_STORE_LEDGER_TABLE_H_

#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "store/sqlcipher_db.h"
#include "telegate/ledger.pb.h"

namespace telegate::store_internal {

// Stateless; runs on the thread that owns `db`.
class LedgerTable {
 public:
  static absl::Status CreateSchema(SqlcipherDb* db);
  // Sets entry.seq and entry.prev_hash from the last record, seals and
  // stores it. Returns the stored record.
  static absl::StatusOr<proto::LedgerRecord> Append(SqlcipherDb* db,
                                                    proto::LedgerEntry entry);
  // Every record, in seq order.
  static absl::StatusOr<std::vector<proto::LedgerRecord>> ReadAll(
      SqlcipherDb* db);
};

}  // namespace telegate::store_internal

#endif  // TELEGATE_STORE_LEDGER_TABLE_H_
