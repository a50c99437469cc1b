// Client: the Telegate SDK as the host app sees it.
//
// Every category starts closed. A category opens only while the user's
// consent for it is on and every OS permission it needs is granted. Track on
// a closed category is refused cheaply; Track on an open one enqueues the
// event for the writer thread, which owns the encrypted database.
//
//   telegate::ClientOptions options;
//   options.data_dir = dir;
//   options.env = &env;
//   absl::StatusOr<std::unique_ptr<telegate::Client>> client =
//       telegate::Client::Open(options);
//   if (!client.ok()) { Log(client.status()); return; }
//   (*client)->SetConsent("log.search", true);
//   (*client)->Track("log.search", "search", {{"query", "shoes"}});
//   (*client)->SetConsent("log.search", false);  // purged when this returns
//
// Threading: thread-safe. Every method may be called from any thread. No
// method throws. Track never blocks and does no I/O; Open, SetConsent,
// RefreshPermissions, Flush and Close wait (up to a timeout) for work that
// the writer thread does.
#ifndef TELEGATE_CLIENT_H_
#define TELEGATE_CLIENT_H_

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "telegate/attribute.h"
#include "telegate/category_status.h"
#include "telegate/collection_report.h"
#include "telegate/drop_counts.h"
#include "telegate/export.h"
#include "telegate/options.h"
#include "telegate/status_observer.h"
#include "telegate/store_health.h"
#include "telegate/upload.h"

namespace telegate {

// Formats of Client::ExportUserData.
enum class ExportFormat {
  kProtobuf,  // a serialized telegate.proto.UserDataExport
  kJson,  // the same content as one JSON object (README, "User data export")
};

class TELEGATE_EXPORT Client {
 public:
  // Opens a client on options.data_dir. Runs start-up on the writer thread
  // (database open, permission reconciliation and any purge it requires)
  // and waits for it up to options.open_timeout.
  // Errors: kInvalidArgument for missing options or a bad policy document;
  // kNotFound / kFailedPrecondition for a missing or unwritable data_dir;
  // kUnavailable (or the key store's own error) when the key store cannot be
  // read. A database that cannot be decrypted is not an error: it is
  // replaced and reported in GetStoreHealth().
  static absl::StatusOr<std::unique_ptr<Client>> Open(
      const ClientOptions& options);

  // Closes with a default timeout if Close was not called.
  virtual ~Client() = default;

  // Records an event of `event` (declared in the catalog for `category`).
  // Returns OK once the event is queued for the writer thread;
  // kPermissionDenied (empty message, no allocation) if the category is
  // closed; kInvalidArgument for an unknown category, undeclared event or
  // attribute, or a value of the wrong type; kResourceExhausted when the
  // queue is full (the event is dropped and counted); kFailedPrecondition
  // after Close. Never blocks, never does I/O.
  virtual absl::Status Track(absl::string_view category,
                             absl::string_view event,
                             absl::Span<const Attribute> attributes) = 0;
  absl::Status Track(absl::string_view category, absl::string_view event,
                     std::initializer_list<Attribute> attributes = {}) {
    return Track(
        category, event,
        absl::Span<const Attribute>(attributes.begin(), attributes.size()));
  }

  // Switches the user's consent for `category` on or off and waits until it
  // is durable. Switching off (or any change that closes the category) is a
  // revocation barrier: when this returns OK, no event of the category is in
  // memory or in the database, and none captured earlier will be stored.
  // The category closes for Track immediately, even if the barrier then
  // times out (kDeadlineExceeded; the purge still completes).
  virtual absl::Status SetConsent(absl::string_view category, bool on) = 0;

  // Bulk switch ("accept all" / "reject all"). On grants every category
  // that is not sensitive — sensitive categories (precise location, Wi-Fi,
  // Bluetooth, cell, order) need their own SetConsent. Off revokes every
  // category, as a barrier.
  virtual absl::Status SetAllConsents(bool on) = 0;

  // Records that the user accepted privacy-policy `version` ("major.minor").
  // Later grants are bound to it. kInvalidArgument for a malformed or
  // unknown version (the catalog lists the versions it knows);
  // kFailedPrecondition for a version older than the accepted one. Either
  // way nothing changes. See consent_model.h for the rules.
  virtual absl::Status AcceptPolicy(absl::string_view version) = 0;

  // Marks the user as under 14 (or not). Without guardian consent, a minor's
  // sensitive and identifying categories stay closed whatever else is
  // granted; marking a user as a minor purges them (a barrier).
  virtual absl::Status SetMinor(bool under_14) = 0;
  // Records (or withdraws, as a barrier) a guardian's consent for a minor.
  virtual absl::Status SetGuardianConsent(bool given) = 0;

  // Re-reads every OS permission from the platform and applies the result;
  // a permission found gone is a revocation barrier as in SetConsent. Hosts
  // call it when the app comes to the foreground.
  virtual absl::Status RefreshPermissions() = 0;

  // The consent ledger, verified: a serialized telegate.proto.LedgerExport
  // (proto/telegate/ledger.proto). kDataLoss if the hash chain is broken.
  virtual absl::StatusOr<std::string> ExportLedger() = 0;
  // OK if the ledger's hash chain is intact; kDataLoss naming the first
  // entry that does not verify.
  virtual absl::Status VerifyLedger() = 0;

  // Runs the platform collector of `category` now (on the writer thread,
  // not the caller's) and waits up to the control timeout for it. Its
  // events take the same path as Track's and are stored at the next commit.
  // Returns what was captured. kPermissionDenied (empty message) if the
  // category is closed — nothing is constructed and no platform method is
  // called; kInvalidArgument for an unknown category; kFailedPrecondition
  // for a category the app records itself with Track (log.search, order);
  // kUnavailable if the platform has no source for it or could read
  // nothing (the warning is counted).
  virtual absl::StatusOr<CollectionReport> Collect(
      absl::string_view category) = 0;
  // Access right: everything the SDK holds about the user — every buffered
  // event by category, the consent state, the verified consent ledger and
  // the drop counters. Commits what is queued first (waits like Flush).
  // The result is plaintext and the host's own copy: the SDK keeps none of
  // it (its working copies are wiped before this returns), and no revoke and
  // no DeleteAllData can reach a copy the host kept: where it goes and when
  // it is wiped are the host's decisions (write it owner-only, delete it
  // once the user has it).
  virtual absl::StatusOr<std::string> ExportUserData(ExportFormat format) = 0;

  // Account cancellation: revokes every category and destroys every buffered
  // event, identifier and key, and the consent state and ledger with them;
  // keeps only a new ledger entry that records the deletion (no contents).
  // A barrier like a revoke. Durable: a deletion interrupted by a crash
  // completes at the next Open, before anything else.
  virtual absl::Status DeleteAllData() = 0;

  // The user withdraws identification but keeps basic analytics. Every
  // buffered event is rewritten irreversibly: attributes the catalog marks
  // identifying are removed, IP addresses cut to their network (IPv4 /24,
  // IPv6 /48), coordinates rounded to 0.01° (~1.1 km), identifier events
  // removed (README, "Anonymization", lists the fields per category); then
  // every key is rotated, so nothing of the originals stays readable. Later
  // events are anonymized the same way until AllowIdentification. Durable:
  // an interrupted anonymization completes at the next Open.
  virtual absl::Status Anonymize() = 0;
  // Ends anonymous mode for later events (what was anonymized stays so).
  virtual absl::Status AllowIdentification() = 0;

  // One entry per catalog category, in catalog order.
  virtual std::vector<CategoryStatus> GetCategoryStatus() = 0;

  // Events not kept, by reason, since Open.
  virtual DropCounts GetDropCounts() = 0;

  // Databases the store found unusable and replaced since Open (a lost or
  // wrong key, a corrupt, truncated or foreign file), and the last write
  // error (disk full, I/O error). Never waits for the writer thread.
  virtual StoreHealth GetStoreHealth() = 0;

  // Re-encrypts every database under fresh keys from the key store (PRAGMA
  // rekey) and destroys the old keys; no event is lost. Waits for the writer
  // thread (options.control_timeout). A crash midway leaves every file
  // readable under exactly one key.
  virtual absl::Status RotateKeys() = 0;

  // Waits until every event queued before the call is committed to the
  // database (or dropped and counted). kDeadlineExceeded on timeout.
  virtual absl::Status Flush(absl::Duration timeout) = 0;

  // --- Upload (see telegate/upload.h) ---

  // Replaces the endpoints batches may go to, in order of preference.
  // kInvalidArgument (naming the endpoint) if any URL or region is not
  // acceptable; the old list then stays. Batches already handed out that
  // the new list no longer allows are cancelled.
  virtual absl::Status SetEndpoints(std::vector<Endpoint> endpoints) = 0;

  // Records durably the user's explicit consent (or its withdrawal) to send
  // `category` to endpoints in `region`, a region the catalog does not
  // allow for it. Withdrawing cancels handed-out batches it allowed.
  virtual absl::Status SetCrossBorderConsent(absl::string_view category,
                                             absl::string_view region,
                                             bool on) = 0;

  // The next upload task. Builds the batch on the writer thread and waits
  // for it (up to the control timeout); no I/O on the calling thread. The
  // request's body (compressed events) is the host's copy: the SDK keeps
  // none, and RunUploads wipes each body once it is sent.
  virtual absl::StatusOr<UploadTask> GetUploadTask() = 0;

  // Reports what sending task `task_id` gave, and returns what the client
  // made of it; acknowledged events are deleted before this returns.
  virtual absl::StatusOr<UploadVerdict> ReportUploadResult(
      uint64_t task_id, const UploadResponse& response) = 0;

  // --- Status observers (see telegate/status_observer.h) ---

  // Registers `observer`, called on the client's notification thread for
  // every later opening and closing of a category; returns its id.
  // kInvalidArgument for an empty function; kFailedPrecondition after Close.
  virtual absl::StatusOr<uint64_t> AddStatusObserver(
      StatusObserver observer) = 0;
  // Unregisters observer `id`. When this returns the observer is never
  // called again — it waits for a call in progress on the notification
  // thread, except when called from inside an observer (allowed, and it does
  // not deadlock). kNotFound for an unknown id.
  virtual absl::Status RemoveStatusObserver(uint64_t id) = 0;

  // Commits what is queued, stops the writer thread and closes the
  // database, then delivers the status notifications still pending and
  // stops the notification thread; when it returns, no plaintext of the
  // buffered events is left in the SDK's memory. Later calls return
  // kFailedPrecondition. Returns kDeadlineExceeded if the writer or an
  // observer did not finish in time (the writer then finishes in the
  // background; notifications not yet delivered are dropped). Idempotent.
  virtual absl::Status Close(absl::Duration timeout) = 0;
};

}  // namespace telegate

#endif  // TELEGATE_CLIENT_H_
