// UploadManager: the upload state that belongs to the writer thread — the
// endpoints and their backoff, the cross-border consents, the batches handed
// out — and its synchronous work: building the next batch from the store,
// applying a reported result (ack-before-delete), and cancelling batches
// when a revoke or a residency change forbids them.
//
// A batch is built from the oldest buffered events of the open categories
// routed to one endpoint (residency and partner rules, upload.h). Each
// endpoint has at most one batch out, and a category is in at most one
// batch at a time, so a batch never repeats another's events; a failed
// batch is not kept but rebuilt from the store when the endpoint's backoff
// allows.
//
//   absl::StatusOr<UploadTask> task = manager.NextTask();      // writer
//   ... the host sends task->request ...
//   absl::StatusOr<UploadVerdict> v = manager.OnResponse(id, response);
#ifndef TELEGATE_UPLOAD_UPLOAD_MANAGER_H_
#define TELEGATE_UPLOAD_UPLOAD_MANAGER_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "catalog/catalog.h"
#include "client/counters.h"
#include "client/status_board.h"
#include "consent/gate.h"
#include "store/cross_border_consent.h"
#include "store/store.h"
#include "telegate/batch.pb.h"
#include "telegate/options.h"
#include "telegate/upload.h"
#include "upload/backoff.h"
#include "upload/batch_encoder.h"
#include "upload/ticket.h"
#include "util/mutex.h"

namespace telegate::upload_internal {

// The consent database's meta key for a deletion request not yet delivered
// (a serialized telegate.proto.DeletionRequest; empty when none).
inline constexpr char kDeletionRequestMeta[] = "deletion_request";

// Thread-compatible: owned by the writer thread, except FindTicket, which
// is thread-safe.
class UploadManager {
 public:
  struct Deps {
    const ClientOptions* options = nullptr;  // must outlive the manager
    const catalog_internal::Catalog* catalog = nullptr;  // ditto
    consent_internal::Gate* gate = nullptr;              // ditto
    client_internal::Counters* counters = nullptr;       // ditto
    client_internal::StatusBoard* board = nullptr;       // ditto
    store_internal::Store* store = nullptr;              // ditto
    // Uniform [0, 1] draws for the backoff jitter; null: OS-seeded.
    std::function<double()> unit_random;
  };

  explicit UploadManager(Deps deps);
  // Cancels every batch still out.
  ~UploadManager();
  UploadManager(const UploadManager&) = delete;
  UploadManager& operator=(const UploadManager&) = delete;

  // Replaces the endpoints (already validated), keeping the backoff state
  // of URLs that stay; cancels batches out that are no longer allowed.
  absl::Status SetEndpoints(std::vector<Endpoint> endpoints);

  // Records a cross-border consent durably (creating the store on the first
  // consent); withdrawing cancels the batches out that it allowed.
  absl::Status SetCrossBorderConsent(catalog_internal::CategoryId id,
                                     const std::string& region, bool on);

  // The regions `id` may go to by an explicit cross-border consent.
  absl::StatusOr<std::vector<std::string>> CrossBorderRegions(
      catalog_internal::CategoryId id);
  // The category's own consent ended (revoke, policy re-consent, minor):
  // every cross-border consent given for it ends too. Forgotten at once
  // (never used again, even if the withdrawal cannot be written) and
  // recorded as withdrawn; batches out that relied on them are cancelled.
  // Returns the first write error.
  absl::Status EndCrossBorder(catalog_internal::CategoryId id);

  // The next task: a batch for the first endpoint (in rotation) that is
  // free, not backing off and has events routed to it; else a wait until
  // the earliest backoff ends; else kDone. Nothing before the first consent
  // (no store) or for a closed category.
  absl::StatusOr<UploadTask> NextTask();

  // Applies what the host reported for `task_id`: acknowledged -> the
  // batch's events are deleted; rejected -> deleted and counted; retry ->
  // the endpoint backs off. kDiscarded for a cancelled or unknown task.
  absl::StatusOr<UploadVerdict> OnResponse(uint64_t task_id,
                                           const UploadResponse& response);

  // Revocation: releases the encoder (zstd's working memory keeps literals
  // of the last batch; wiped as it is released), cancels every batch out
  // that holds category `id`, and waits (options.upload.cancel_timeout, real
  // time) for a send in progress to stop. kDeadlineExceeded if one did not; the
  // batch is cancelled all the same.
  absl::Status CancelCategory(catalog_internal::CategoryId id);

  // Account deletion: the consent database was replaced, so the cached
  // cross-border consents go; `request` (if any: the install id being
  // retired) is stored in the new database and sent, in a body of its own,
  // to the endpoint device.identifiers is routed to, until a collector
  // acknowledges or rejects it. It needs no open category.
  absl::Status OnConsentDbReplaced(
      std::optional<proto::DeletionRequest> request);
  // The deletion request not yet delivered, if any.
  absl::StatusOr<std::optional<proto::DeletionRequest>> PendingDeletion();
  // Anonymization: `install_id` is being retired, so what a server holds
  // under it is asked to be deleted — added to the pending deletion request
  // (made if there is none) and stored before this returns; sent like the
  // request of an account deletion.
  absl::Status RequestDeletionOf(const std::string& install_id);

  // Releases the encoder and cancels every batch out, without waiting
  // (client shutdown).
  void CancelAll();
  // Cancels every batch out and waits for a send in progress to stop, as
  // CancelCategory does (anonymization: no batch built from the original
  // events is sent after it).
  absl::Status CancelAllAndWait();

  // Thread-safe: the control of a task handed out and not yet resolved.
  std::shared_ptr<Ticket> FindTicket(uint64_t task_id) const;

  // Batches handed out and not yet resolved.
  size_t batches_out() const { return out_.size(); }

 private:
  using CategoryId = catalog_internal::CategoryId;

  struct EndpointState {
    Endpoint endpoint;
    Backoff backoff;
  };
  // The events of one category in a batch.
  struct Part {
    CategoryId id = 0;
    uint64_t epoch = 0;  // the category's consent epoch when built
    std::vector<int64_t> seqs;
  };
  struct Batch {
    std::shared_ptr<Ticket> ticket;
    std::string url;
    std::string batch_id;
    absl::Time built_at;
    std::vector<Part> parts;
    uint64_t categories = 0;  // bit per CategoryId
    int event_count = 0;
    bool deletion_request = false;  // the body is the deletion request
  };

  absl::Time Now() const;
  absl::Status LoadCrossBorder();
  // A cross-border consent row for `region` of category `id`, dated now
  // under the current policy.
  store_internal::CrossBorderRow CrossBorderChange(CategoryId id,
                                                   const std::string& region,
                                                   bool granted);
  bool HasCrossBorder(CategoryId id, const std::string& region) const;
  std::optional<size_t> RouteOf(CategoryId id) const;
  EndpointState* FindEndpoint(const std::string& url);
  // Builds a batch for endpoint `index` from `categories`; false if they
  // held no event after all.
  absl::StatusOr<bool> Build(size_t index,
                             const std::vector<CategoryId>& categories,
                             absl::Time now, UploadTask* task);
  absl::Status DeleteParts(const std::vector<Part>& parts);
  // The pending deletion request, kept in the consent database (loaded
  // once); sets deletion_request_.
  absl::Status LoadDeletionRequest();
  absl::Status ClearDeletionRequest();
  // Hands out the deletion request if its endpoint is free and not backing
  // off (else lowers `earliest` to when it may go); false if not now.
  absl::StatusOr<bool> BuildDeletionRequest(absl::Time now,
                                            absl::Time* earliest,
                                            UploadTask* task);
  // Registers `batch` as out, with `body` for `endpoint`, and fills `task`.
  void HandOut(Batch batch, const Endpoint& endpoint, std::string body,
               absl::Time now, UploadTask* task);
  // Fills the header fields every body carries.
  void StampHeader(const Endpoint& endpoint, const std::string& batch_id,
                   absl::Time now, proto::BatchHeader* header) const;
  // Cancels the batches `doomed` selects; returns the tickets still
  // sending, which stay registered (findable by the host's report) until
  // the caller has waited for them (AwaitStopped) or unregisters them.
  std::vector<std::shared_ptr<Ticket>> CancelWhere(
      const std::function<bool(const Batch&)>& doomed);
  absl::Status AwaitStopped(const std::vector<std::shared_ptr<Ticket>>& t);
  absl::Status CancelIneligible();
  void ExpireLeases(absl::Time now);
  // Destroys the encoder: its buffers and zstd's working memory are wiped
  // as they are released (a new one is made for the next batch).
  void ReleaseEncoder();
  void Register(const std::shared_ptr<Ticket>& ticket);
  void Unregister(uint64_t task_id);

  Deps deps_;
  const UploadOptions& upload_options_;
  std::vector<EndpointState> endpoints_;
  bool cross_border_loaded_ = false;
  std::set<std::pair<std::string, std::string>> cross_border_;  // granted
  bool deletion_loaded_ = false;
  std::optional<proto::DeletionRequest> deletion_request_;
  std::map<uint64_t, Batch> out_;  // by task id
  uint64_t next_task_id_ = 1;
  size_t next_endpoint_ = 0;  // rotation, for fairness between endpoints
  size_t next_category_ = 0;  // rotation within a batch
  std::unique_ptr<BatchEncoder> encoder_;

  mutable Mutex tickets_mu_;
  absl::flat_hash_map<uint64_t, std::shared_ptr<Ticket>> tickets_
      ABSL_GUARDED_BY(tickets_mu_);
};

}  // namespace telegate::upload_internal

#endif  // TELEGATE_UPLOAD_UPLOAD_MANAGER_H_
