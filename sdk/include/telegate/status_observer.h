// StatusObserver: tells the host when a category opens or closes, and why,
// so that a "My permissions" screen can stay current without polling.
//
//   absl::StatusOr<uint64_t> id = client->AddStatusObserver(
//       [](const telegate::CategoryChange& change) {
//         // On the client's notification thread: hand it to the UI thread.
//         PostToUi(change.category, change.open,
//                  telegate::ChangeSourceName(change.source));
//       });
//   ...
//   client->RemoveStatusObserver(*id);
//
// Every open->closed and closed->open transition of a category is reported,
// in the order the transitions happened: a user's switch (kUser), an OS
// permission found gone or back by the platform's change listener (kOs) or
// by Client::RefreshPermissions (kHost), SetMinor / SetGuardianConsent
// (kHost), DeleteAllData (kUser), and the reconciliation at Open (kStartup:
// a permission lost while the app was not running, a policy update that
// needs a new consent). Observers see a transition after the client has
// acted on it: a close is reported once its purge is complete.
//
// Threading: observers run on one notification thread the client owns —
// never the writer thread, never the caller's thread, never with a client
// lock held — one notification at a time. A slow observer never blocks the
// client: pending notifications are bounded, and past the bound those of a
// category are coalesced to its latest state (a final state is never lost).
// An exception thrown by an observer is caught and ignored.
#ifndef TELEGATE_STATUS_OBSERVER_H_
#define TELEGATE_STATUS_OBSERVER_H_

#include <functional>
#include <string>
#include <vector>

#include "telegate/category_status.h"
#include "telegate/export.h"

namespace telegate {

// What made a category open or close; mirrors telegate.proto.LedgerSource
// (the ledger entry of the same transition carries the same source).
enum class ChangeSource {
  kUser,     // the user's consent switch, bulk switch, or delete-all
  kOs,       // the platform's permission-change listener
  kHost,     // the host: RefreshPermissions, SetMinor, SetGuardianConsent
  kStartup,  // reconciliation while the client opened
  kPolicy,   // accepting a policy version
};

// Returns a stable lower-case name: "user", "os", "host", "startup",
// "policy".
TELEGATE_EXPORT const char* ChangeSourceName(ChangeSource source);

// One transition of one category.
struct CategoryChange {
  std::string category;
  bool open = false;                  // the new state
  std::vector<ClosedReason> reasons;  // why it is closed; empty when open
  std::vector<std::string> missing_permissions;  // with kPermissionMissing
  ChangeSource source = ChangeSource::kUser;  // what triggered the transition
};

// Called on the client's notification thread; see the threading note above.
using StatusObserver = std::function<void(const CategoryChange&)>;

}  // namespace telegate

#endif  // TELEGATE_STATUS_OBSERVER_H_
