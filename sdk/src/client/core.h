// Core: the client's state and work that belong to the writer thread — the
// store, the consent state, the OS permission snapshot — as synchronous
// methods that tests can call directly.
//
// Every revocation goes through Purge: close the gate (a new epoch), drop the
// category's queued and pending events from memory, destroy its data key and
// remove its file. Events are committed only if their grant is still current,
// checked on this same thread, so a purge and a commit never interleave.
#ifndef TELEGATE_CLIENT_CORE_H_
#define TELEGATE_CLIENT_CORE_H_

#include <bitset>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "catalog/catalog.h"
#include "client/counters.h"
#include "client/health_board.h"
#include "client/queued_event.h"
#include "client/status_board.h"
#include "consent/gate.h"
#include "store/store.h"
#include "telegate/options.h"

namespace telegate::client_internal {

// Thread-compatible: owned by the writer thread.
class Core {
 public:
  struct Deps {
    const ClientOptions* options = nullptr;  // must outlive the Core
    std::shared_ptr<const catalog_internal::Catalog> catalog;
    consent_internal::Gate* gate = nullptr;  // must outlive the Core
    Counters* counters = nullptr;            // must outlive the Core
    StatusBoard* board = nullptr;            // must outlive the Core
    HealthBoard* health = nullptr;           // must outlive the Core
    // Removes (and wipes) every queued event of the category that the
    // writer has not taken yet; returns how many. Thread-safe.
    std::function<int64_t(catalog_internal::CategoryId)> purge_queued;
  };

  explicit Core(Deps deps);
  ~Core();

  // Start-up, before any other work: locks the data directory, opens the
  // store if it exists (replacing unusable databases: see StoreHealth),
  // reconciles OS permissions (a permission lost while the app was not
  // running is purged like a live revoke), purges every category that is
  // not open, opens the gates of those that are, then enforces retention
  // and the quota.
  absl::Status Startup();

  // Records the user's consent for `id` and applies it. Closing purges.
  absl::Status SetConsent(catalog_internal::CategoryId id, bool on);

  // Re-reads every OS permission and applies the result.
  absl::Status RefreshPermissions();

  // Events taken from the queue, waiting for CommitPending.
  std::vector<QueuedEvent>* pending() { return &pending_; }
  // Commits pending events whose grant is still current, one transaction
  // per category; drops (and counts) the rest; then enforces the quota.
  // Leaves pending() empty.
  void CommitPending();

  // Deletes (and counts) every event older than its category's retention.
  absl::Status EnforceRetention();
  // Deletes (and counts) the oldest events of the lowest-priority
  // categories until the buffer is within ClientOptions' budget.
  absl::Status EnforceQuota();
  // How long until retention next has work, by the platform clock;
  // InfiniteDuration when nothing is buffered (then nothing is scheduled).
  absl::Duration TimeUntilRetention();
  // Runs EnforceRetention if TimeUntilRetention() has passed.
  void MaybeEnforceRetention();

  // Re-encrypts every database under fresh keys (see Store::RotateKeys).
  absl::Status RotateKeys();

  // Publishes every open file's event count for GetCategoryStatus. The
  // writer calls it after running tasks, so work done directly on an
  // EventFile (an upload's acknowledged deletes) shows at once. No I/O.
  void PublishBuffered();

  // Closes the store and releases the data-directory lock.
  void Shutdown();

  // The last commit error, if any (for Flush).
  absl::Status TakeCommitError();

  store_internal::Store* store_for_testing() { return &store_; }

 private:
  using CategoryId = catalog_internal::CategoryId;


  struct Evaluation {
    bool open = false;
    std::vector<ClosedReason> reasons;
    std::vector<std::string> missing;
  };

  Evaluation Evaluate(CategoryId id) const;
  // Opens and closes gates to match the state; purges what closes.
  absl::Status Recompute();
  absl::Status Purge(CategoryId id);
  // Startup's purge of a category found closed; counts what it held.
  absl::Status PurgeClosed(CategoryId id);
  // Appends one category's rows; replaces a file that proved corrupt and
  // retries once.
  absl::Status AppendRows(CategoryId id,
                          absl::Span<const store_internal::EventRow> rows);
  // Loads consents, replacing a consent database that proves unreadable.
  absl::Status LoadConsents();
  // Publishes a file's event count for GetCategoryStatus.
  void UpdateBuffered(const std::string& category);
  // Hands the store's new incidents to the health board.
  void PublishIncidents();
  int64_t RetentionMs(CategoryId id) const;
  void ReadPermissions();
  void PublishStatus();
  absl::Status LockDataDir();

  Deps deps_;
  const catalog_internal::Catalog& catalog_;
  store_internal::Store store_;
  std::vector<bool> consent_;                 // by CategoryId
  std::map<std::string, bool> permissions_;  // OS permission -> granted
  std::bitset<catalog_internal::kMaxCategories> open_;  // writer's view
  std::vector<QueuedEvent> pending_;
  absl::Status commit_error_;
  int64_t last_retention_ms_ = 0;  // platform clock
  int dir_lock_fd_ = -1;
};

}  // namespace telegate::client_internal

#endif  // TELEGATE_CLIENT_CORE_H_
