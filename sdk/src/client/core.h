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
#include "catalog/catalog.h"
#include "client/counters.h"
#include "client/queued_event.h"
#include "client/status_board.h"
#include "consent/gate.h"
#include "store/store.h"
#include "telegate/options.h"
#include "upload/upload_manager.h"

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
    // Removes (and wipes) every queued event of the category that the
    // writer has not taken yet; returns how many. Thread-safe.
    std::function<int64_t(catalog_internal::CategoryId)> purge_queued;
  };

  explicit Core(Deps deps);
  ~Core();

  // Start-up, before any other work: locks the data directory, opens the
  // store if it exists, reconciles OS permissions (a permission lost while
  // the app was not running is purged like a live revoke), purges every
  // category that is not open, then opens the gates of those that are.
  absl::Status Startup();

  // Records the user's consent for `id` and applies it. Closing purges.
  absl::Status SetConsent(catalog_internal::CategoryId id, bool on);

  // Re-reads every OS permission and applies the result.
  absl::Status RefreshPermissions();

  // Events taken from the queue, waiting for CommitPending.
  std::vector<QueuedEvent>* pending() { return &pending_; }
  // Commits pending events whose grant is still current, one transaction
  // per category; drops (and counts) the rest. Leaves pending() empty.
  void CommitPending();

  // Closes the store and releases the data-directory lock.
  void Shutdown();

  // The last commit error, if any (for Flush).
  absl::Status TakeCommitError();

  store_internal::Store* store_for_testing() { return &store_; }

  // The upload state (writer thread; FindTicket is thread-safe). The
  // pointer is fixed for the Core's lifetime.
  upload_internal::UploadManager* uploads() { return uploads_.get(); }

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
  int dir_lock_fd_ = -1;
  std::unique_ptr<upload_internal::UploadManager> uploads_;
};

}  // namespace telegate::client_internal

#endif  // TELEGATE_CLIENT_CORE_H_
