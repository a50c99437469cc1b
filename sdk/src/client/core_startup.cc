// Core's start-up: the data directory's lock, opening (or creating) the
// store, and reconciling what was recorded with what holds now: planted
// links, consents without tokens, revokes that could not be fully written,
// an interrupted account deletion or anonymization, and permissions the OS
// took away while the app was not running. Runs on the writer thread before
// anything else does.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "client/core.h"
#include "client/core_meta.h"
#include "util/files.h"
#include "util/status_macros.h"

namespace telegate::client_internal {

using consent_internal::Evaluation;
using consent_internal::PolicyVersion;

absl::Status Core::LockDataDir() {
  int fd = ::open(deps_.options->data_dir.c_str(),
                  O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot open data directory ", deps_.options->data_dir));
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return absl::FailedPreconditionError(
        absl::StrCat("data directory ", deps_.options->data_dir,
                     " is in use by another Telegate client"));
  }
  dir_lock_fd_ = fd;
  return absl::OkStatus();
}

absl::Status Core::EnsureStore() {
  if (store_.is_open()) return absl::OkStatus();
  TELEGATE_RETURN_IF_ERROR(store_.Create());
  TELEGATE_RETURN_IF_ERROR(store_.consent()->SetMeta(kMetaConsentTokens, "1"));
  return store_.consent()->SavePermissions(permissions_);
}

absl::Status Core::ReconcileConsentTokens() {
  TELEGATE_ASSIGN_OR_RETURN(std::optional<std::string> marked,
                            store_.consent()->GetMeta(kMetaConsentTokens));
  const bool migrate = !marked || *marked != "1";
  for (CategoryId id = 0; id < catalog_.size(); ++id) {
    consent_internal::CategoryConsent& consent = state_.categories[id];
    if (!consent.on) continue;
    const std::string& name = catalog_.name(id);
    if (migrate) {
      TELEGATE_RETURN_IF_ERROR(store_.EnsureConsentToken(name));
      continue;
    }
    TELEGATE_ASSIGN_OR_RETURN(bool has_token, store_.HasConsentToken(name));
    if (has_token) continue;
    // A revoke destroyed the token first and could not write the rest
    // (disk full, I/O error, a crash): it holds, whatever the database
    // says. Recorded if the disk now allows; closed either way.
    consent.on = false;
    consent.changed_ms = NowMillis();
    store_internal::ConsentRow row;
    row.category = name;
    row.granted = false;
    row.changed_ms = consent.changed_ms;
    row.policy_major = consent.stamp.major;
    row.policy_minor = consent.stamp.minor;
    proto::LedgerEntry entry = NewEntry(proto::CONSENT_REVOKED, proto::STARTUP);
    entry.set_category(name);
    entry.set_on(false);
    entry.set_detail(
        "a revoke that could not be written before (its consent "
        "token was already destroyed)");
    store_internal::ConsentDb* db = store_.consent();
    absl::Status saved = InTransaction(db->db(), [&]() -> absl::Status {
      TELEGATE_RETURN_IF_ERROR(db->SaveConsent(row));
      return Record(std::move(entry));
    });
    if (!saved.ok() && deps_.health) deps_.health->SetLastError(saved);
  }
  if (migrate) {
    TELEGATE_RETURN_IF_ERROR(
        store_.consent()->SetMeta(kMetaConsentTokens, "1"));
  }
  return absl::OkStatus();
}

absl::Status Core::LoadState() {
  store_internal::ConsentDb* db = store_.consent();
  TELEGATE_ASSIGN_OR_RETURN(std::vector<store_internal::ConsentRow> rows,
                            db->LoadConsents());
  for (const store_internal::ConsentRow& row : rows) {
    std::optional<CategoryId> id = catalog_.Find(row.category);
    if (!id) continue;
    consent_internal::CategoryConsent& c = state_.categories[*id];
    c.on = row.granted;
    c.stamp = PolicyVersion{row.policy_major, row.policy_minor};
    c.changed_ms = row.changed_ms;
  }
  TELEGATE_ASSIGN_OR_RETURN(std::optional<std::string> accepted,
                            db->GetMeta(kMetaAcceptedPolicy));
  if (accepted) {
    absl::StatusOr<PolicyVersion> v = PolicyVersion::Parse(*accepted);
    if (v.ok()) state_.accepted = *v;
  }
  TELEGATE_ASSIGN_OR_RETURN(std::optional<std::string> minor,
                            db->GetMeta(kMetaMinor));
  state_.minor = minor && *minor == "1";
  TELEGATE_ASSIGN_OR_RETURN(std::optional<std::string> guardian,
                            db->GetMeta(kMetaGuardian));
  state_.guardian = guardian && *guardian == "1";
  return LoadAnonymous();
}

absl::Status Core::LoadStateOrReset() {
  absl::Status loaded = LoadState();
  if (!absl::IsDataLoss(loaded)) return loaded;
  // Opened, but unreadable past its first page (truncated, corrupt):
  // replaced like one that does not open; no consent survives.
  TELEGATE_RETURN_IF_ERROR(store_.ResetConsent(loaded));
  state_ = consent_internal::ConsentState();
  state_.categories.resize(catalog_.size());
  return LoadState();
}

absl::Status Core::Startup() {
  TELEGATE_RETURN_IF_ERROR(
      util_internal::CheckWritableDirectory(deps_.options->data_dir));
  TELEGATE_RETURN_IF_ERROR(LockDataDir());
  // Nothing planted is followed: links go before any file is looked at
  // (a marker planted as a link would otherwise act on its target).
  TELEGATE_RETURN_IF_ERROR(store_.ResolveDataDir());
  TELEGATE_RETURN_IF_ERROR(store_.RemovePlantedLinks());
  // Reconciliation: the permission state now, before any other work.
  ReadPermissions();
  if (util_internal::PathExists(DeleteMarkerPath())) {
    // An account deletion was interrupted: finish it before anything else,
    // without trusting (or needing) anything it had begun to destroy.
    for (CategoryId id = 0; id < catalog_.size(); ++id) {
      TELEGATE_RETURN_IF_ERROR(store_.Purge(catalog_.name(id)).status());
    }
    TELEGATE_RETURN_IF_ERROR(
        FinishDeleteAll(0, "account deletion completed at start-up"));
  }
  bool has_store = store_.is_open();  // a finished deletion made a new one
  if (!has_store) {
    TELEGATE_ASSIGN_OR_RETURN(has_store, store_.OpenExisting());
  }
  std::vector<std::string> was_open;
  bool reconciled_change = false;
  if (has_store) {
    TELEGATE_RETURN_IF_ERROR(LoadStateOrReset());
    TELEGATE_RETURN_IF_ERROR(ReconcileConsentTokens());
    using PermissionMap = std::map<std::string, bool>;
    TELEGATE_ASSIGN_OR_RETURN(PermissionMap before,
                              store_.consent()->LoadPermissions());
    for (const auto& [name, granted] : permissions_) {
      auto it = before.find(name);
      bool was = it != before.end() && it->second;
      if (was != granted) {
        reconciled_change = true;
        proto::LedgerEntry e =
            NewEntry(proto::PERMISSION_CHANGED, proto::STARTUP);
        e.set_permission(name);
        e.set_on(granted);
        TELEGATE_RETURN_IF_ERROR(Record(std::move(e)));
      }
    }
    // Written only when it changed: a synced write costs milliseconds, and
    // most starts find the permissions as they were.
    if (before != permissions_) {
      TELEGATE_RETURN_IF_ERROR(store_.consent()->SavePermissions(permissions_));
    }
    TELEGATE_ASSIGN_OR_RETURN(std::optional<std::string> open_set,
                              store_.consent()->GetMeta(kMetaOpenSet));
    if (open_set && !open_set->empty()) {
      was_open = absl::StrSplit(*open_set, ',');
    }
  }
  TELEGATE_RETURN_IF_ERROR(store_.SweepOrphans());
  // Files of categories this catalog does not declare can never be open.
  TELEGATE_ASSIGN_OR_RETURN(std::vector<std::string> on_disk,
                            store_.CategoriesOnDisk());
  for (const std::string& name : on_disk) {
    if (catalog_.Find(name)) continue;
    if (catalog_internal::IsValidCategoryName(name)) {
      TELEGATE_RETURN_IF_ERROR(store_.Purge(name).status());
    } else {
      // No category can have this name: the keys it would derive may be
      // another category's (its rotation slot). Only the file goes.
      TELEGATE_RETURN_IF_ERROR(store_.RemoveStrayEvents(name));
    }
  }
  // Without a consent database nothing was revoked: what closed categories
  // held is lost with its key.
  const DropReason closed_reason =
      store_.consent_reset() ? DropReason::kKeyLost : DropReason::kRevoked;
  for (CategoryId id = 0; id < catalog_.size(); ++id) {
    const std::string& name = catalog_.name(id);
    Evaluation e = Evaluate(id);
    bool open_before =
        std::find(was_open.begin(), was_open.end(), name) != was_open.end();
    TELEGATE_RETURN_IF_ERROR(
        EndCrossBorderIfConsentEnded(id, e, proto::STARTUP));
    if (!e.open) {
      // Closed now: nothing it buffered may survive, whenever it closed.
      TELEGATE_ASSIGN_OR_RETURN(int64_t purged, Purge(id, closed_reason));
      if (open_before || purged > 0) reconciled_change = true;
      if (open_before) {
        proto::LedgerEntry closed =
            NewEntry(proto::CATEGORY_CLOSED, proto::STARTUP);
        closed.set_category(name);
        closed.set_detail(DescribeReasons(e));
        TELEGATE_RETURN_IF_ERROR(Record(std::move(closed)));
        ReportChange(id, false, e, proto::STARTUP);
      }
      if (open_before || purged > 0) {
        proto::LedgerEntry purge = NewEntry(proto::PURGE, proto::STARTUP);
        purge.set_category(name);
        purge.set_purged_events(purged);
        purge.set_detail(DescribeReasons(e));
        TELEGATE_RETURN_IF_ERROR(Record(std::move(purge)));
      }
      continue;
    }
    absl::Status opened = store_.Events(name, /*create=*/false).status();
    if (!opened.ok() && deps_.health) {
      // Not fatal (e.g. read-only storage): the category stays open and
      // every commit retries the file, counting what it cannot store.
      deps_.health->SetLastError(opened);
    }
    UpdateBuffered(name);
    open_[id] = deps_.gate->Open(id);
    if (open_[id]) NotifyTransition(id, true);
    if (open_[id] && !open_before) {
      reconciled_change = true;
      proto::LedgerEntry opened =
          NewEntry(proto::CATEGORY_OPENED, proto::STARTUP);
      opened.set_category(name);
      TELEGATE_RETURN_IF_ERROR(Record(std::move(opened)));
      ReportChange(id, true, e, proto::STARTUP);
    }
  }
  PublishIncidents();
  TELEGATE_RETURN_IF_ERROR(EnforceRetention());
  TELEGATE_RETURN_IF_ERROR(EnforceQuota());
  if (store_.is_open()) {
    if (reconciled_change) {
      TELEGATE_RETURN_IF_ERROR(
          Record(NewEntry(proto::RECONCILED, proto::STARTUP)));
    }
    TELEGATE_RETURN_IF_ERROR(SaveOpenSet());
    TELEGATE_RETURN_IF_ERROR(store_.consent()->db()->CheckpointTruncate());
  }
  if (util_internal::PathExists(AnonymizeMarkerPath())) {
    // An anonymization was interrupted: finish it (it is idempotent).
    TELEGATE_RETURN_IF_ERROR(Anonymize());
  }
  PublishStatus();
  return absl::OkStatus();
}

}  // namespace telegate::client_internal
