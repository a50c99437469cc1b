// The client's own log lines (telegate/log.h) for what the writer thread
// records: consent-ledger entries, databases replaced, store errors. They go
// to the current thread's logger (util/log.h) and name categories, files
// and counts only: never event contents.
//
//   LogLedgerEntry(entry);  // "ledger: purge log.search events=12 ..."
#ifndef TELEGATE_CLIENT_CLIENT_LOG_H_
#define TELEGATE_CLIENT_CLIENT_LOG_H_

#include "absl/status/status.h"
#include "telegate/ledger.pb.h"
#include "telegate/store_health.h"

namespace telegate::client_internal {

// kInfo: one line per ledger entry recorded; kError if `recorded` says it
// could not be.
void LogLedgerEntry(const proto::LedgerEntry& entry,
                    const absl::Status& recorded);
// kWarning: a database found unusable and replaced.
void LogIncident(const StoreIncident& incident);
// kError when the store's last error changes to a new error; kInfo when it
// clears. Nothing when it stays the same (a full disk fails every commit).
void LogStoreErrorChange(const absl::Status& before, const absl::Status& now);

}  // namespace telegate::client_internal

#endif  // TELEGATE_CLIENT_CLIENT_LOG_H_
