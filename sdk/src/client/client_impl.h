// ClientImpl: the engine behind telegate::Client — the gate, the bounded
// event queue, the control-task queue and the writer thread that runs Core.
//
// Ownership: the public handle and the writer thread each hold a shared_ptr
// to the ClientImpl, so a Close that times out can leave the writer to finish
// in the background without anything being freed under it.
#ifndef TELEGATE_CLIENT_CLIENT_IMPL_H_
#define TELEGATE_CLIENT_CLIENT_IMPL_H_

#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include "absl/base/attributes.h"
#include "absl/base/optimization.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "catalog/catalog.h"
#include "client/core.h"
#include "client/counters.h"
#include "client/health_board.h"
#include "client/queued_event.h"
#include "client/status_board.h"
#include "client/status_notifier.h"
#include "collect/collection.h"
#include "collect/collection_schedule.h"
#include "consent/gate.h"
#include "telegate/client.h"
#include "util/log.h"
#include "util/mutex.h"

namespace telegate::client_internal {

// Thread-safe.
class ClientImpl : public std::enable_shared_from_this<ClientImpl>,
                   public PermissionSource::Listener {
 public:
  ClientImpl(const ClientOptions& options,
             std::shared_ptr<const catalog_internal::Catalog> catalog);
  ~ClientImpl() override;

  // Starts the writer thread and runs Core::Startup on it.
  absl::Status Start();

  // Inline: the closed-category path is the hottest of the library — a
  // lookup, one atomic load and one counter update; no allocation (the
  // status has no message).
  absl::Status Track(absl::string_view category, absl::string_view event,
                     absl::Span<const Attribute> attributes) {
    std::optional<catalog_internal::CategoryId> id = catalog_->Find(category);
    if (ABSL_PREDICT_FALSE(!id)) return UnknownCategory(category);
    std::optional<consent_internal::GrantToken> grant = gate_.TryGrant(*id);
    if (!grant) {
      counters_.Add(DropReason::kClosed);
      return absl::Status(absl::StatusCode::kPermissionDenied, "");
    }
    return TrackGranted(*grant, event, attributes);
  }
  absl::Status SetConsent(absl::string_view category, bool on);
  absl::Status SetAllConsents(bool on);
  absl::Status AcceptPolicy(absl::string_view version);
  absl::Status SetMinor(bool under_14);
  absl::Status SetGuardianConsent(bool given);
  absl::Status RefreshPermissions();
  absl::StatusOr<CollectionReport> Collect(absl::string_view category);
  absl::StatusOr<std::string> ExportLedger();
  absl::Status VerifyLedger();
  absl::StatusOr<std::string> ExportUserData(ExportFormat format);
  absl::Status DeleteAllData();
  absl::Status Anonymize();
  absl::Status AllowIdentification();
  std::vector<CategoryStatus> GetCategoryStatus() const;
  DropCounts GetDropCounts() const { return counters_.Snapshot(); }
  StoreHealth GetStoreHealth() const { return health_.Snapshot(); }
  absl::Status RotateKeys();
  absl::Status Flush(absl::Duration timeout);
  absl::Status Close(absl::Duration timeout);

  // Status observers (telegate/status_observer.h).
  absl::StatusOr<uint64_t> AddStatusObserver(StatusObserver observer);
  absl::Status RemoveStatusObserver(uint64_t id);

  // PermissionSource::Listener.
  void OnPermissionsChanged() override;

  // Upload (client_upload.cc).
  absl::Status SetEndpoints(std::vector<Endpoint> endpoints);
  absl::Status SetCrossBorderConsent(absl::string_view category,
                                     absl::string_view region, bool on);
  absl::StatusOr<UploadTask> GetUploadTask();
  absl::StatusOr<UploadVerdict> ReportUploadResult(
      uint64_t task_id, const UploadResponse& response);

  // Runs `fn` on the writer thread and waits up to `timeout` for its result.
  absl::Status RunOnWriter(std::function<absl::Status(Core&)> fn,
                           absl::Duration timeout);

  const catalog_internal::Catalog& catalog() const { return *catalog_; }
  int64_t writer_wakeups_for_testing() const { return wakeups_.load(); }

 private:
  struct Completion;
  struct Task {
    std::function<absl::Status(Core&)> fn;
    std::shared_ptr<Completion> done;
  };

  // Track's work once the gate granted: validate, encode, enqueue. Out of
  // line, like the error path, so the closed-category path stays small.
  ABSL_ATTRIBUTE_NOINLINE absl::Status TrackGranted(
      consent_internal::GrantToken grant, absl::string_view event,
      absl::Span<const Attribute> attributes);
  ABSL_ATTRIBUTE_NOINLINE ABSL_ATTRIBUTE_COLD static absl::Status
  UnknownCategory(absl::string_view category);
  void WriterMain();
  // Validates, encodes and queues an event captured under `grant` (Track's
  // path after the gate, shared with the collectors). Any thread.
  absl::Status EnqueueGranted(const consent_internal::GrantToken& grant,
                              const proto::EventSpec& spec,
                              absl::Span<const Attribute> attributes);
  // Queues `fn` for the writer thread without waiting for it (dropped if
  // the client is closing). Any thread.
  void PostToWriter(std::function<absl::Status(Core&)> fn);
  // A collection timer fired (scheduler thread): hands it to the writer.
  void OnCollectionTimer(catalog_internal::CategoryId id, uint64_t ticket);
  // Closes `ids` for Track at once, runs `fn` on the writer, then lifts the
  // pending closes (the writer decides what reopens).
  absl::Status RunBarrier(std::vector<catalog_internal::CategoryId> ids,
                          std::function<absl::Status(Core&)> fn);
  absl::Status CheckOpen() const;
  bool ReadyToCommitLocked() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  int64_t PurgeQueued(catalog_internal::CategoryId id);

  const ClientOptions options_;
  // The host's log hook; the writer thread's current logger.
  const util_internal::Logger logger_;
  const std::shared_ptr<const catalog_internal::Catalog> catalog_;
  consent_internal::Gate gate_;
  Counters counters_;
  StatusBoard board_;
  HealthBoard health_;
  // Before core_: the writer posts to it until the Core is gone.
  StatusNotifier notifier_;
  std::unique_ptr<Core> core_;  // used only on the writer thread
  // Platform collectors and their timers. Run and the schedule are used only
  // on the writer thread; HasCollector from any.
  std::unique_ptr<collect_internal::Collection> collection_;
  std::unique_ptr<collect_internal::CollectionSchedule> schedule_;
  std::atomic<bool> closing_{false};

  mutable Mutex mu_;
  CondVar writer_cv_;    // wakes the writer
  CondVar progress_cv_;  // wakes Flush and Close waiters
  std::deque<QueuedEvent> events_ ABSL_GUARDED_BY(mu_);
  size_t queued_bytes_ ABSL_GUARDED_BY(mu_) = 0;
  absl::Time batch_started_ ABSL_GUARDED_BY(mu_);
  std::deque<Task> tasks_ ABSL_GUARDED_BY(mu_);
  uint64_t next_seq_ ABSL_GUARDED_BY(mu_) = 1;
  uint64_t done_seq_ ABSL_GUARDED_BY(mu_) = 0;
  int flush_waiters_ ABSL_GUARDED_BY(mu_) = 0;
  absl::Status commit_error_ ABSL_GUARDED_BY(mu_);
  bool stop_ ABSL_GUARDED_BY(mu_) = false;
  bool writer_exited_ ABSL_GUARDED_BY(mu_) = false;
  bool listening_ ABSL_GUARDED_BY(mu_) = false;
  // When the writer next wakes for retention (real time). Writer thread
  // only.
  absl::Time retention_due_ = absl::InfiniteFuture();
  // Times the writer woke up (for tests of quiet idling).
  std::atomic<int64_t> wakeups_{0};
  Mutex join_mu_;  // one joiner at a time
  std::thread writer_ ABSL_GUARDED_BY(join_mu_);
};

}  // namespace telegate::client_internal

#endif  // TELEGATE_CLIENT_CLIENT_IMPL_H_
