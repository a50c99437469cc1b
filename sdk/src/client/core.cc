#include "client/core.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "util/files.h"
#include "util/status_macros.h"

namespace telegate::client_internal {

using catalog_internal::Catalog;

namespace {

Sensitivity ToPublic(proto::Sensitivity s) {
  switch (s) {
    case proto::NON_PERSONAL: return Sensitivity::kNonPersonal;
    case proto::SENSITIVE: return Sensitivity::kSensitive;
    default: return Sensitivity::kPersonal;
  }
}

int64_t NowMillis(const ClientOptions& options) {
  Clock* clock = options.env->clock ? options.env->clock : Clock::Real();
  return absl::ToUnixMillis(clock->Now());
}

}  // namespace

Core::Core(Deps deps)
    : deps_(std::move(deps)),
      catalog_(*deps_.catalog),
      store_(deps_.options->data_dir, deps_.options->env->key_store),
      consent_(catalog_.size(), false) {}

Core::~Core() { Shutdown(); }

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

void Core::ReadPermissions() {
  PermissionSource* source = deps_.options->env->permissions;
  permissions_.clear();
  for (const std::string& p : catalog_.AllPermissions(source->platform())) {
    permissions_[p] = source->IsGranted(p);
  }
}

Core::Evaluation Core::Evaluate(CategoryId id) const {
  Evaluation e;
  PermissionSource* source = deps_.options->env->permissions;
  const proto::PlatformRequirement& req =
      catalog_.Requirement(id, source->platform());
  if (!consent_[id]) e.reasons.push_back(ClosedReason::kConsentOff);
  if (!req.available()) {
    e.reasons.push_back(ClosedReason::kUnavailable);
  } else {
    e.missing = catalog_internal::MissingPermissions(
        req, source->os_level(), [this](const std::string& p) {
          auto it = permissions_.find(p);
          return it != permissions_.end() && it->second;
        });
    if (!e.missing.empty()) {
      e.reasons.push_back(ClosedReason::kPermissionMissing);
    }
  }
  e.open = e.reasons.empty();
  return e;
}

void Core::PublishStatus() {
  std::vector<CategoryStatus> rows;
  rows.reserve(catalog_.size());
  for (CategoryId id = 0; id < catalog_.size(); ++id) {
    const proto::Category& c = catalog_.category(id);
    Evaluation e = Evaluate(id);
    CategoryStatus row;
    row.name = c.name();
    row.open = open_[id];
    row.reasons = std::move(e.reasons);
    row.missing_permissions = std::move(e.missing);
    row.sensitivity = ToPublic(c.sensitivity());
    row.identifying = c.identifying();
    row.purpose = c.purpose();
    rows.push_back(std::move(row));
  }
  deps_.board->Publish(std::move(rows));
}

absl::Status Core::LoadConsents() {
  absl::StatusOr<std::vector<store_internal::ConsentRow>> rows =
      store_.consent()->LoadConsents();
  if (absl::IsDataLoss(rows.status())) {
    // Opened, but unreadable past its first page (truncated, corrupt).
    TELEGATE_RETURN_IF_ERROR(store_.ResetConsent(rows.status()));
    rows = store_.consent()->LoadConsents();
  }
  if (!rows.ok()) return rows.status();
  for (const store_internal::ConsentRow& row : *rows) {
    std::optional<CategoryId> id = catalog_.Find(row.category);
    if (id) consent_[*id] = row.granted;
  }
  return absl::OkStatus();
}

absl::Status Core::PurgeClosed(CategoryId id) {
  const std::string& name = catalog_.name(id);
  int64_t held = 0;
  if (store_.OpenEvents(name) == nullptr && store_.HasKeys(name)) {
    // Opened only to count what the purge destroys; an unusable file is
    // replaced (and reported) by Events like any other.
    absl::StatusOr<store_internal::EventFile*> file =
        store_.Events(name, /*create=*/false);
    if (file.ok() && *file != nullptr) held = (*file)->count();
  } else if (store_internal::EventFile* file = store_.OpenEvents(name)) {
    held = file->count();
  }
  // Without a consent database nothing was revoked: the events are lost
  // with its key.
  deps_.counters->Add(
      store_.consent_reset() ? DropReason::kKeyLost : DropReason::kRevoked,
      held);
  TELEGATE_RETURN_IF_ERROR(store_.Purge(name).status());
  deps_.board->SetBuffered(id, 0);
  return absl::OkStatus();
}

absl::Status Core::Startup() {
  TELEGATE_RETURN_IF_ERROR(
      util_internal::CheckWritableDirectory(deps_.options->data_dir));
  TELEGATE_RETURN_IF_ERROR(LockDataDir());
  // Reconciliation: the permission state now, before any other work.
  ReadPermissions();
  TELEGATE_ASSIGN_OR_RETURN(bool has_store, store_.OpenExisting());
  if (has_store) {
    TELEGATE_RETURN_IF_ERROR(LoadConsents());
    // Written only when it changed: a synced write costs milliseconds, and
    // most starts find the permissions as they were.
    absl::StatusOr<std::map<std::string, bool>> persisted =
        store_.consent()->LoadPermissions();
    if (!persisted.ok() || *persisted != permissions_) {
      TELEGATE_RETURN_IF_ERROR(
          store_.consent()->SavePermissions(permissions_));
    }
  }
  TELEGATE_RETURN_IF_ERROR(store_.SweepOrphans());
  // Files of categories this catalog does not declare can never be open.
  TELEGATE_ASSIGN_OR_RETURN(std::vector<std::string> on_disk,
                            store_.CategoriesOnDisk());
  for (const std::string& name : on_disk) {
    if (!catalog_.Find(name)) {
      TELEGATE_RETURN_IF_ERROR(store_.Purge(name).status());
    }
  }
  for (CategoryId id = 0; id < catalog_.size(); ++id) {
    if (!Evaluate(id).open) {
      // Closed now: nothing it buffered may survive, whenever it closed.
      TELEGATE_RETURN_IF_ERROR(PurgeClosed(id));
      continue;
    }
    absl::Status opened =
        store_.Events(catalog_.name(id), /*create=*/false).status();
    if (!opened.ok() && deps_.health) {
      // Not fatal (e.g. read-only storage): the category stays open and
      // every commit retries the file, counting what it cannot store.
      deps_.health->SetLastError(opened);
    }
    UpdateBuffered(catalog_.name(id));
    open_[id] = deps_.gate->Open(id);
  }
  PublishIncidents();
  TELEGATE_RETURN_IF_ERROR(EnforceRetention());
  TELEGATE_RETURN_IF_ERROR(EnforceQuota());
  if (store_.is_open()) {
    TELEGATE_RETURN_IF_ERROR(store_.consent()->db()->CheckpointTruncate());
  }
  PublishStatus();
  return absl::OkStatus();
}

absl::Status Core::SetConsent(CategoryId id, bool on) {
  if (on && !store_.is_open()) TELEGATE_RETURN_IF_ERROR(store_.Create());
  if (store_.is_open()) {
    store_internal::ConsentRow row;
    row.category = catalog_.name(id);
    row.granted = on;
    row.changed_ms = NowMillis(*deps_.options);
    row.policy_major = catalog_.version_major();
    row.policy_minor = catalog_.version_minor();
    TELEGATE_RETURN_IF_ERROR(store_.consent()->SaveConsent(row));
    if (!consent_[id] && on) {
      // First grant since the permission snapshot may be stale or absent.
      TELEGATE_RETURN_IF_ERROR(store_.consent()->SavePermissions(permissions_));
    }
  }
  consent_[id] = on;
  return Recompute();
}

absl::Status Core::RefreshPermissions() {
  std::map<std::string, bool> before = permissions_;
  ReadPermissions();
  if (store_.is_open() && before != permissions_) {
    TELEGATE_RETURN_IF_ERROR(store_.consent()->SavePermissions(permissions_));
  }
  return Recompute();
}

absl::Status Core::Recompute() {
  absl::Status first_error;
  for (CategoryId id = 0; id < catalog_.size(); ++id) {
    bool want = Evaluate(id).open;
    if (open_[id] && !want) {
      absl::Status status = Purge(id);
      if (!status.ok() && first_error.ok()) first_error = status;
    } else if (!open_[id] && want) {
      open_[id] = deps_.gate->Open(id);
    }
  }
  PublishStatus();
  return first_error;
}

absl::Status Core::Purge(CategoryId id) {
  deps_.gate->Close(id);
  open_[id] = false;
  int64_t dropped = deps_.purge_queued ? deps_.purge_queued(id) : 0;
  auto keep = std::partition(pending_.begin(), pending_.end(),
                             [id](const QueuedEvent& e) {
                               return e.grant.category() != id;
                             });
  for (auto it = keep; it != pending_.end(); ++it) {
    WipePayload(&*it);
    ++dropped;
  }
  pending_.erase(keep, pending_.end());
  const std::string& name = catalog_.name(id);
  // An open category's file is open (Startup or its first commit opened
  // it): the count needs no I/O.
  if (store_internal::EventFile* file = store_.OpenEvents(name)) {
    dropped += file->count();
  }
  deps_.counters->Add(DropReason::kRevoked, dropped);
  TELEGATE_RETURN_IF_ERROR(store_.Purge(name).status());
  deps_.board->SetBuffered(id, 0);
  if (store_.is_open()) {
    TELEGATE_RETURN_IF_ERROR(store_.consent()->db()->CheckpointTruncate());
  }
  return absl::OkStatus();
}

void Core::UpdateBuffered(const std::string& category) {
  std::optional<CategoryId> id = catalog_.Find(category);
  if (!id) return;
  store_internal::EventFile* file = store_.OpenEvents(category);
  deps_.board->SetBuffered(*id, file ? file->count() : 0);
}

void Core::PublishBuffered() {
  for (const auto& [name, file] : store_.open_events()) {
    std::optional<CategoryId> id = catalog_.Find(name);
    if (id) deps_.board->SetBuffered(*id, file->count());
  }
}

void Core::PublishIncidents() {
  std::vector<StoreIncident> incidents = store_.TakeIncidents();
  if (incidents.empty()) return;
  const int64_t now = NowMillis(*deps_.options);
  for (StoreIncident& incident : incidents) {
    incident.time_ms = now;
    if (incident.events_lost > 0) {
      deps_.counters->Add(DropReason::kKeyLost, incident.events_lost);
    }
  }
  if (deps_.health) {
    deps_.health->AddIncidents(std::move(incidents), store_.consent_reset());
  }
}

absl::Status Core::AppendRows(
    CategoryId id, absl::Span<const store_internal::EventRow> rows) {
  const std::string& name = catalog_.name(id);
  absl::Status status;
  for (int attempt = 0; attempt < 2; ++attempt) {
    absl::StatusOr<store_internal::EventFile*> file =
        store_.Events(name, /*create=*/true);
    status = file.status();
    if (status.ok()) status = (*file)->Append(rows);
    if (!absl::IsDataLoss(status)) break;
    // The file proved corrupt after it opened: replace it, then retry.
    absl::Status replaced = store_.ReplaceEvents(name, status);
    if (!replaced.ok()) return replaced;
  }
  return status;
}

void Core::CommitPending() {
  if (pending_.empty()) return;
  std::vector<std::vector<store_internal::EventRow>> rows(catalog_.size());
  for (QueuedEvent& event : pending_) {
    CategoryId id = event.grant.category();
    if (!deps_.gate->IsCurrent(event.grant)) {
      // Captured before a revoke that has happened since: never stored.
      deps_.counters->Add(DropReason::kRevoked);
      WipePayload(&event);
      continue;
    }
    store_internal::EventRow row;
    row.capture_ms = event.capture_ms;
    row.payload = event.payload;
    rows[id].push_back(row);
  }
  bool appended = false;
  for (CategoryId id = 0; id < catalog_.size(); ++id) {
    if (rows[id].empty()) continue;
    absl::Status status = AppendRows(id, rows[id]);
    if (!status.ok()) {
      deps_.counters->Add(DropReason::kStoreError,
                          static_cast<int64_t>(rows[id].size()));
      commit_error_ = status;
      if (deps_.health) deps_.health->SetLastError(status);
    } else {
      appended = true;
      if (deps_.health) deps_.health->SetLastError(absl::OkStatus());
    }
    UpdateBuffered(catalog_.name(id));
  }
  for (QueuedEvent& event : pending_) WipePayload(&event);
  pending_.clear();
  if (appended) {
    absl::Status status = EnforceQuota();
    if (!status.ok() && commit_error_.ok()) commit_error_ = status;
  }
  PublishIncidents();
}

absl::Status Core::RotateKeys() {
  absl::Status status = store_.RotateKeys();
  PublishIncidents();
  return status;
}

absl::Status Core::TakeCommitError() {
  return std::exchange(commit_error_, absl::OkStatus());
}

void Core::Shutdown() {
  store_.Close();
  if (dir_lock_fd_ >= 0) {
    ::flock(dir_lock_fd_, LOCK_UN);
    ::close(dir_lock_fd_);
    dir_lock_fd_ = -1;
  }
}

}  // namespace telegate::client_internal
