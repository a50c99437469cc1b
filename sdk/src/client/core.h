// Core: the client's state and work that belong to the writer thread — the
// store, the consent state and ledger, the OS permission snapshot — as
// synchronous methods that tests can call directly.
//
// Every revocation goes through Purge: close the gate (a new epoch), drop the
// category's queued and pending events from memory, destroy its data key and
// remove its file, and record the purge in the ledger. Events are committed
// only if their grant is still current, checked on this same thread, so a
// purge and a commit never interleave.
#ifndef TELEGATE_CLIENT_CORE_H_
#define TELEGATE_CLIENT_CORE_H_

#include <bitset>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "catalog/catalog.h"
#include "client/counters.h"
#include "client/health_board.h"
#include "client/queued_event.h"
#include "client/status_board.h"
#include "consent/consent_model.h"
#include "consent/gate.h"
#include "store/store.h"
#include "telegate/export.pb.h"
#include "telegate/ledger.pb.h"
#include "telegate/options.h"
#include "telegate/status_observer.h"
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
    HealthBoard* health = nullptr;           // must outlive the Core
    // Removes (and wipes) every queued event of the category that the
    // writer has not taken yet; returns how many. Thread-safe.
    std::function<int64_t(catalog_internal::CategoryId)> purge_queued;
    // Told (on the writer thread) when a category opens or closes, so that
    // its collection timers follow. May be empty.
    std::function<void(catalog_internal::CategoryId, bool open)> on_transition;
    // Told (on the writer thread, after the work is done — a close after its
    // purge — and once GetCategoryStatus shows it) of every opening and
    // closing, for the status observers. Must not block. May be empty.
    std::function<void(CategoryChange)> on_status_change;
  };

  explicit Core(Deps deps);
  ~Core();

  // Start-up, before any other work: locks the data directory, opens the
  // store if it exists (replacing unusable databases: see StoreHealth),
  // reconciles OS permissions (a permission lost while the app was not
  // running is purged like a live revoke, and recorded), purges every
  // category that is not open, opens the gates of those that are, then
  // enforces retention and the quota.
  absl::Status Startup();

  // Records the user's consent for `id` and applies it. Closing purges.
  absl::Status SetConsent(catalog_internal::CategoryId id, bool on);
  // Bulk switch: on grants every category that is not sensitive (sensitive
  // ones need their own SetConsent); off revokes every category.
  absl::Status SetAllConsents(bool on);
  // Records that the user accepted `version` (see ConsentModel).
  absl::Status AcceptPolicy(consent_internal::PolicyVersion version);
  absl::Status SetMinor(bool minor);
  absl::Status SetGuardian(bool given);
  // Account cancellation: revokes every category, destroys every event,
  // identifier and category key, then destroys the consent database and its
  // key, and starts a new one holding only a ledger entry that records the
  // deletion. Durable: a marker file is written first, and a deletion
  // interrupted by a crash completes at the next Startup before anything
  // else.
  absl::Status DeleteAll();

  // The user's explicit consent to send `id` to `region` (cross-border
  // transfer), persisted and recorded in the ledger; withdrawing it cancels
  // uploads that relied on it.
  absl::Status SetCrossBorderConsent(catalog_internal::CategoryId id,
                                     const std::string& region, bool on);

  // Withdraws identification (right to anonymity, keeping basic analytics):
  // rewrites every buffered event through rights/anonymizer.h (identifying
  // attributes dropped, IPs truncated, coordinates coarsened, identifier
  // events removed), rotates every key so that what the rewrite left under
  // the old ones is unreadable, and keeps anonymizing every later event
  // until AllowIdentification. Durable: an interruption completes at the
  // next Startup.
  absl::Status Anonymize();
  absl::Status AllowIdentification();

  // Re-reads every OS permission and applies the result (source: OS for a
  // change notification, HOST when the app comes to the foreground).
  absl::Status RefreshPermissions(proto::LedgerSource source);

  // The whole ledger, verified; kDataLoss if the chain is broken.
  absl::StatusOr<proto::LedgerExport> ExportLedger();
  absl::Status VerifyLedger();
  // Everything held about the user (see Client::ExportUserData). Committed
  // events only: the caller commits the queue first. The caller wipes the
  // result with WipeExport once it is rendered.
  absl::StatusOr<proto::UserDataExport> ExportUserData(const DropCounts& drops);

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

  // Publishes the status rows if a transition is waiting to be reported
  // (a path that failed before its own PublishStatus), then reports it.
  void PublishPendingChanges();

  // Closes the store and releases the data-directory lock.
  void Shutdown();

  // The last commit error, if any (for Flush).
  absl::Status TakeCommitError();

  const consent_internal::ConsentModel& model() const { return model_; }
  // True while identification is withdrawn (Anonymize). Writer thread.
  bool anonymous() const { return state_.anonymous; }
  store_internal::Store* store_for_testing() { return &store_; }
  // The store, for writer-thread work beside events (a collector's install
  // id lives in its category's file).
  store_internal::Store* store() { return &store_; }

  // The upload state (writer thread; FindTicket is thread-safe). The
  // pointer is fixed for the Core's lifetime.
  upload_internal::UploadManager* uploads() { return uploads_.get(); }

 private:
  using CategoryId = catalog_internal::CategoryId;

  consent_internal::Evaluation Evaluate(CategoryId id) const;
  // Opens and closes gates to match the state; purges what closes and
  // records every transition in the ledger.
  absl::Status Recompute(proto::LedgerSource source);
  // Destroys everything the category holds; returns how many events,
  // counted as drops for `reason`.
  absl::StatusOr<int64_t> Purge(CategoryId id,
                                DropReason reason = DropReason::kRevoked);
  // Appends one category's rows; replaces a file that proved corrupt and
  // retries once.
  absl::Status AppendRows(CategoryId id,
                          absl::Span<const store_internal::EventRow> rows);
  // LoadState, replacing a consent database that proves unreadable past its
  // first page.
  absl::Status LoadStateOrReset();
  // Publishes a file's event count for GetCategoryStatus.
  void UpdateBuffered(const std::string& category);
  // Hands the store's new incidents to the health board.
  void PublishIncidents();
  int64_t RetentionMs(CategoryId id) const;
  void ReadPermissions();
  void NotifyTransition(CategoryId id, bool open);
  // Queues a transition of `id` for the status observers; PublishStatus
  // reports it, after publishing the rows that show it.
  void ReportChange(CategoryId id, bool open,
                    const consent_internal::Evaluation& e,
                    proto::LedgerSource source);
  void PublishStatus();
  absl::Status LockDataDir();
  absl::Status EnsureStore();
  absl::Status LoadState();
  // Start-up, after LoadState: a consent on record whose token is gone was
  // revoked by a call that could not write it; it is applied (and recorded
  // if the disk allows). Gives a database from before tokens its tokens.
  absl::Status ReconcileConsentTokens();
  // Ends the category's cross-border consents (recorded) if its own
  // consent has ended by `e` (revoke, policy re-consent, minor).
  absl::Status EndCrossBorderIfConsentEnded(
      catalog_internal::CategoryId id, const consent_internal::Evaluation& e,
      proto::LedgerSource source);
  // Appends to the ledger if the store exists (before the first consent
  // there is nothing to record).
  absl::Status Record(proto::LedgerEntry entry);
  proto::LedgerEntry NewEntry(proto::LedgerKind kind,
                              proto::LedgerSource source) const;
  absl::Status SaveOpenSet();
  // The work of DeleteAll; `purged` events were destroyed by the caller's
  // purges (unknown when completing an interrupted deletion at start-up).
  absl::Status FinishDeleteAll(int64_t purged, const std::string& detail);
  // Adds the install id being retired (if there is one) to the deletion
  // request kept in the current consent database.
  void KeepDeletionRequest();
  // The deletion request kept in the consent database about to be
  // destroyed (opened for it at start-up), if any.
  std::optional<proto::DeletionRequest> PendingDeletionRequest();
  std::string DeleteMarkerPath() const;
  std::string AnonymizeMarkerPath() const;
  absl::Status LoadAnonymous();
  // ExportUserData's work; `out` may be partly filled on failure.
  absl::Status FillExport(const DropCounts& drops, proto::UserDataExport* out);
  // Anonymous mode: replaces `rows` (views into pending payloads) with
  // anonymized copies kept alive in `storage`; drops what must not remain.
  void AnonymizePendingRows(catalog_internal::CategoryId id,
                            std::vector<store_internal::EventRow>* rows,
                            std::deque<util_internal::SecureString>* storage);
  // Persists a host-set flag (minor, guardian) with its ledger entry and
  // applies it. `closes_when` is the value that can only close categories.
  absl::Status SetHostFlag(proto::LedgerKind kind, const char* meta_key,
                           bool* flag, bool value, bool closes_when);
  int64_t NowMillis() const;

  Deps deps_;
  const catalog_internal::Catalog& catalog_;
  const consent_internal::ConsentModel model_;
  store_internal::Store store_;
  consent_internal::ConsentState state_;
  std::map<std::string, bool> permissions_;  // OS permission -> granted
  std::bitset<catalog_internal::kMaxCategories> open_;  // writer's view
  std::vector<QueuedEvent> pending_;
  std::vector<CategoryChange> status_changes_;  // not yet reported
  absl::Status commit_error_;
  int64_t last_retention_ms_ = 0;  // platform clock
  int dir_lock_fd_ = -1;
  std::unique_ptr<upload_internal::UploadManager> uploads_;
};

// Overwrites the events and install ids of an export in place, so that
// freeing it leaves no plaintext.
void WipeExport(proto::UserDataExport* data);

// "consent_off,permission_missing(ACCESS_FINE_LOCATION)".
std::string DescribeReasons(const consent_internal::Evaluation& e);

}  // namespace telegate::client_internal

#endif  // TELEGATE_CLIENT_CORE_H_
