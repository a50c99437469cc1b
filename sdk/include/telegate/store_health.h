// StoreHealth: what the encrypted buffer has been through since the client
// opened — databases found unusable and replaced, and the last error.
//
// The store never crashes on a bad file and never silently reuses one: a
// database whose key is gone (key store wiped, app data restored from a
// backup), that its key does not open (wrong key, corrupt, truncated or
// foreign file) or that a newer library version wrote, is removed (its bytes
// overwritten first), a fresh one is created, and the loss is recorded here.
//
//   telegate::StoreHealth health = client->GetStoreHealth();
//   for (const telegate::StoreIncident& i : health.incidents) {
//     Log(telegate::StoreProblemName(i.problem), i.file, i.events_lost);
//   }
#ifndef TELEGATE_STORE_HEALTH_H_
#define TELEGATE_STORE_HEALTH_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "telegate/export.h"

namespace telegate {

enum class StoreProblem {
  kKeyMissing,     // the key store no longer holds the file's key
  kUndecryptable,  // the key does not open it: wrong key, corrupt, truncated
                   // or foreign file
  kNewerSchema,    // written by a newer version of the library
  kPlanted,        // not made by the library and not trusted: a symbolic
                   // link in the data directory, or a key file owned by
                   // another user or readable by others. Removed without
                   // following it (a key: destroyed, and a fresh one made
                   // when one is needed); `file` names it.
};

// Returns a stable lower-case name such as "key_missing".
TELEGATE_EXPORT const char* StoreProblemName(StoreProblem problem);

// One database the store could not use, and what it did about it.
struct StoreIncident {
  StoreProblem problem = StoreProblem::kUndecryptable;
  // Relative to the data directory: "telegate.db" or "events/<category>.db".
  std::string file;
  // The category whose events the file held; empty for telegate.db.
  std::string category;
  // The error, for logs. Never holds key material or event contents.
  std::string detail;
  // Events known to be lost; -1 when the file could not be read to count.
  int64_t events_lost = -1;
  // When it happened (platform clock, ms since the Unix epoch).
  int64_t time_ms = 0;
};

struct StoreHealth {
  // Unusable databases replaced by fresh ones since the client opened.
  int64_t databases_replaced = 0;
  // True if the consent database was among them: every category restarted
  // closed (consent could no longer be proven) and its events were purged.
  bool consent_reset = false;
  // The most recent incidents, oldest first (at most kMaxIncidents).
  std::vector<StoreIncident> incidents;
  static constexpr size_t kMaxIncidents = 32;
  // The store's last error if it still stands: a commit that failed (disk
  // full, I/O error, read-only storage) or a file that could not be opened;
  // OK once a later commit succeeds.
  absl::Status last_error;
};

}  // namespace telegate

#endif  // TELEGATE_STORE_HEALTH_H_
