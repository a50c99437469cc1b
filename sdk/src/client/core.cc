#include "client/core.h"

#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "client/client_log.h"
#include "client/core_meta.h"
#include "consent/ledger.h"
#include "store/ledger_table.h"
#include "util/files.h"
#include "util/status_macros.h"

namespace telegate::client_internal {

using consent_internal::Evaluation;
using consent_internal::PolicyVersion;

namespace {

// True if the category's own consent has ended or does not count (as
// opposed to a missing OS permission, which leaves it standing): what hangs
// on that consent (cross-border transfer) ends with it.
bool ConsentEnded(const Evaluation& e) {
  for (ClosedReason r : e.reasons) {
    if (r == ClosedReason::kConsentOff || r == ClosedReason::kPolicyReconsent ||
        r == ClosedReason::kMinor) {
      return true;
    }
  }
  return false;
}

Sensitivity ToPublic(proto::Sensitivity s) {
  switch (s) {
    case proto::NON_PERSONAL:
      return Sensitivity::kNonPersonal;
    case proto::SENSITIVE:
      return Sensitivity::kSensitive;
    default:
      return Sensitivity::kPersonal;
  }
}

}  // namespace

std::string DescribeReasons(const Evaluation& e) {
  std::vector<std::string> parts;
  for (ClosedReason r : e.reasons) {
    std::string part = ClosedReasonName(r);
    if (r == ClosedReason::kPermissionMissing) {
      absl::StrAppend(&part, "(", absl::StrJoin(e.missing, ","), ")");
    }
    parts.push_back(std::move(part));
  }
  return absl::StrJoin(parts, ",");
}

Core::Core(Deps deps)
    : deps_(std::move(deps)),
      catalog_(*deps_.catalog),
      model_(catalog_, deps_.options->env->permissions->platform(),
             deps_.options->env->permissions->os_level()),
      store_(deps_.options->data_dir, deps_.options->env->key_store) {
  state_.categories.resize(catalog_.size());
  upload_internal::UploadManager::Deps uploads;
  uploads.options = deps_.options;
  uploads.catalog = &catalog_;
  uploads.gate = deps_.gate;
  uploads.counters = deps_.counters;
  uploads.board = deps_.board;
  uploads.store = &store_;
  uploads_ =
      std::make_unique<upload_internal::UploadManager>(std::move(uploads));
}

Core::~Core() { Shutdown(); }

int64_t Core::NowMillis() const {
  Clock* clock =
      deps_.options->env->clock ? deps_.options->env->clock : Clock::Real();
  return absl::ToUnixMillis(clock->Now());
}

void Core::NotifyTransition(CategoryId id, bool open) {
  if (deps_.on_transition) deps_.on_transition(id, open);
}

void Core::ReportChange(CategoryId id, bool open, const Evaluation& e,
                        proto::LedgerSource source) {
  if (!deps_.on_status_change) return;
  CategoryChange change;
  change.category = catalog_.name(id);
  change.open = open;
  if (!open) {
    change.reasons = e.reasons;
    change.missing_permissions = e.missing;
  }
  switch (source) {
    case proto::OS:
      change.source = ChangeSource::kOs;
      break;
    case proto::HOST:
      change.source = ChangeSource::kHost;
      break;
    case proto::STARTUP:
      change.source = ChangeSource::kStartup;
      break;
    case proto::POLICY:
      change.source = ChangeSource::kPolicy;
      break;
    default:
      change.source = ChangeSource::kUser;
      break;
  }
  status_changes_.push_back(std::move(change));
}

void Core::PublishPendingChanges() {
  if (!status_changes_.empty()) PublishStatus();
}

void Core::ReadPermissions() {
  PermissionSource* source = deps_.options->env->permissions;
  permissions_.clear();
  for (const std::string& p : catalog_.AllPermissions(source->platform())) {
    permissions_[p] = source->IsGranted(p);
  }
}

Evaluation Core::Evaluate(CategoryId id) const {
  return model_.Evaluate(id, state_, [this](const std::string& p) {
    auto it = permissions_.find(p);
    return it != permissions_.end() && it->second;
  });
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
    row.contents = c.contents();
    row.basic_function = c.basic_function();
    const consent_internal::CategoryConsent& consent = state_.categories[id];
    row.consent_on = consent.on;
    if (consent.stamp.valid()) {
      row.consent_policy_version = consent.stamp.ToString();
    }
    row.consent_changed_ms = consent.changed_ms;
    rows.push_back(std::move(row));
  }
  deps_.board->Publish(std::move(rows));
  // Observers hear of a transition once GetCategoryStatus shows it.
  std::vector<CategoryChange> changes = std::move(status_changes_);
  status_changes_.clear();
  if (!deps_.on_status_change) return;
  for (CategoryChange& change : changes) {
    deps_.on_status_change(std::move(change));
  }
}

proto::LedgerEntry Core::NewEntry(proto::LedgerKind kind,
                                  proto::LedgerSource source) const {
  proto::LedgerEntry entry;
  entry.set_kind(kind);
  entry.set_source(source);
  entry.set_time_ms(NowMillis());
  PolicyVersion v = model_.GrantStamp(state_);
  entry.set_policy_major(v.major);
  entry.set_policy_minor(v.minor);
  return entry;
}

absl::Status Core::Record(proto::LedgerEntry entry) {
  if (!store_.is_open()) return absl::OkStatus();
  absl::Status recorded =
      store_internal::LedgerTable::Append(store_.consent()->db(), entry)
          .status();
  LogLedgerEntry(entry, recorded);
  return recorded;
}

absl::Status Core::EndCrossBorderIfConsentEnded(CategoryId id,
                                                const Evaluation& e,
                                                proto::LedgerSource source) {
  if (!store_.is_open() || !ConsentEnded(e)) return absl::OkStatus();
  TELEGATE_ASSIGN_OR_RETURN(std::vector<std::string> regions,
                            uploads_->CrossBorderRegions(id));
  if (regions.empty()) return absl::OkStatus();
  absl::Status ended = uploads_->EndCrossBorder(id);
  for (const std::string& region : regions) {
    proto::LedgerEntry entry = NewEntry(proto::CROSS_BORDER, source);
    entry.set_category(catalog_.name(id));
    entry.set_on(false);
    entry.set_detail(absl::StrCat("region=", region,
                                  " ended with the category's consent (",
                                  DescribeReasons(e), ")"));
    absl::Status recorded = Record(std::move(entry));
    if (ended.ok()) ended = recorded;
  }
  return ended;
}

absl::Status Core::SaveOpenSet() {
  if (!store_.is_open()) return absl::OkStatus();
  std::vector<std::string> names;
  for (CategoryId id = 0; id < catalog_.size(); ++id) {
    if (open_[id]) names.push_back(catalog_.name(id));
  }
  return store_.consent()->SetMeta(kMetaOpenSet, absl::StrJoin(names, ","));
}

absl::Status Core::SetConsent(CategoryId id, bool on) {
  consent_internal::CategoryConsent& current = state_.categories[id];
  if (!on && !current.on && !store_.is_open()) return Recompute(proto::USER);
  const std::string& name = catalog_.name(id);
  absl::Status token_destroyed = absl::OkStatus();
  if (on) {
    TELEGATE_RETURN_IF_ERROR(EnsureStore());
    // A consent on record always has its token: made first.
    TELEGATE_RETURN_IF_ERROR(store_.EnsureConsentToken(name));
  } else if (store_.is_open()) {
    // Before anything that needs free space: if the rest of the revoke
    // cannot be written, the missing token still revokes at the next start.
    token_destroyed = store_.DestroyConsentToken(name);
  }
  consent_internal::CategoryConsent next;
  next.on = on;
  next.stamp = model_.GrantStamp(state_);
  next.changed_ms = NowMillis();
  store_internal::ConsentRow row;
  row.category = catalog_.name(id);
  row.granted = on;
  row.changed_ms = next.changed_ms;
  row.policy_major = next.stamp.major;
  row.policy_minor = next.stamp.minor;
  absl::Status saved = absl::OkStatus();
  if (store_.is_open()) {
    proto::LedgerEntry entry = NewEntry(
        on ? proto::CONSENT_GRANTED : proto::CONSENT_REVOKED, proto::USER);
    entry.set_category(row.category);
    entry.set_on(on);
    store_internal::ConsentDb* db = store_.consent();
    saved = InTransaction(db->db(), [&]() -> absl::Status {
      TELEGATE_RETURN_IF_ERROR(db->SaveConsent(row));
      return Record(std::move(entry));
    });
  }
  // A revoke applies even if it could not be recorded: privacy first.
  if (!saved.ok() && on) return saved;
  if (saved.ok()) saved = token_destroyed;
  current = next;
  absl::Status applied = Recompute(proto::USER);
  return saved.ok() ? applied : saved;
}

absl::Status Core::SetAllConsents(bool on) {
  absl::Status first_error;
  for (CategoryId id = 0; id < catalog_.size(); ++id) {
    if (on && model_.IsSensitive(id)) continue;  // needs its own consent
    if (state_.categories[id].on == on) continue;
    absl::Status s = SetConsent(id, on);
    if (!s.ok() && first_error.ok()) first_error = s;
  }
  return first_error;
}

absl::Status Core::AcceptPolicy(PolicyVersion version) {
  TELEGATE_RETURN_IF_ERROR(model_.CheckAcceptable(version, state_));
  if (state_.accepted && *state_.accepted == version) return absl::OkStatus();
  TELEGATE_RETURN_IF_ERROR(EnsureStore());
  store_internal::ConsentDb* db = store_.consent();
  proto::LedgerEntry entry = NewEntry(proto::POLICY_ACCEPTED, proto::USER);
  entry.set_policy_major(version.major);
  entry.set_policy_minor(version.minor);
  TELEGATE_RETURN_IF_ERROR(InTransaction(db->db(), [&]() -> absl::Status {
    TELEGATE_RETURN_IF_ERROR(
        db->SetMeta(kMetaAcceptedPolicy, version.ToString()));
    return Record(std::move(entry));
  }));
  state_.accepted = version;
  return Recompute(proto::POLICY);
}

absl::Status Core::SetHostFlag(proto::LedgerKind kind, const char* meta_key,
                               bool* flag, bool value, bool closes_when) {
  if (value == *flag)
    return Recompute(proto::HOST);  // lifts a precautionary close
  TELEGATE_RETURN_IF_ERROR(EnsureStore());
  store_internal::ConsentDb* db = store_.consent();
  proto::LedgerEntry entry = NewEntry(kind, proto::HOST);
  entry.set_on(value);
  absl::Status saved = InTransaction(db->db(), [&]() -> absl::Status {
    TELEGATE_RETURN_IF_ERROR(db->SetMeta(meta_key, value ? "1" : "0"));
    return Record(std::move(entry));
  });
  // A change that closes applies even if it could not be recorded (privacy
  // first); one that could open needs the record.
  if (!saved.ok() && value != closes_when) return saved;
  const std::bitset<catalog_internal::kMaxCategories> open_before = open_;
  *flag = value;
  absl::Status applied = Recompute(proto::HOST);
  if (!saved.ok()) {
    // Unrecorded, the flag would be read back as it was at the next start
    // and reopen what it closed. So the consents it closed end now, their
    // tokens first (that needs no free space): the user consents again.
    for (CategoryId id = 0; id < catalog_.size(); ++id) {
      if (!open_before[id] || open_[id]) continue;
      state_.categories[id].on = false;
      absl::Status destroyed = store_.DestroyConsentToken(catalog_.name(id));
      if (!destroyed.ok() && applied.ok()) applied = destroyed;
    }
    PublishStatus();
  }
  return saved.ok() ? applied : saved;
}

absl::Status Core::SetMinor(bool minor) {
  return SetHostFlag(proto::MINOR_SET, kMetaMinor, &state_.minor, minor,
                     /*closes_when=*/true);
}

absl::Status Core::SetGuardian(bool given) {
  return SetHostFlag(proto::GUARDIAN_SET, kMetaGuardian, &state_.guardian,
                     given, /*closes_when=*/false);
}

absl::Status Core::SetCrossBorderConsent(CategoryId id,
                                         const std::string& region, bool on) {
  if (on) {
    Evaluation e = Evaluate(id);
    if (ConsentEnded(e)) {
      return absl::FailedPreconditionError(absl::StrCat(
          "a cross-border consent hangs on the category's own consent: ",
          catalog_.name(id), " is closed (", DescribeReasons(e),
          "); switch it on first"));
    }
    TELEGATE_RETURN_IF_ERROR(EnsureStore());
  }
  absl::Status saved = uploads_->SetCrossBorderConsent(id, region, on);
  if (!saved.ok() && !on && store_.is_open()) {
    // The withdrawal could not be written and would be read back as given
    // at the next start: end the category's consent instead (its token
    // first, which needs no free space), which ends every cross-border
    // consent of the category with it. The user consents again.
    TELEGATE_RETURN_IF_ERROR(store_.DestroyConsentToken(catalog_.name(id)));
    state_.categories[id].on = false;
    Recompute(proto::USER).IgnoreError();
    return saved;
  }
  TELEGATE_RETURN_IF_ERROR(saved);
  proto::LedgerEntry entry = NewEntry(proto::CROSS_BORDER, proto::USER);
  entry.set_category(catalog_.name(id));
  entry.set_on(on);
  entry.set_detail(absl::StrCat("region=", region));
  return Record(std::move(entry));
}

absl::Status Core::RefreshPermissions(proto::LedgerSource source) {
  std::map<std::string, bool> before = permissions_;
  ReadPermissions();
  if (store_.is_open() && before != permissions_) {
    for (const auto& [name, granted] : permissions_) {
      if (before[name] == granted) continue;
      proto::LedgerEntry e = NewEntry(proto::PERMISSION_CHANGED, source);
      e.set_permission(name);
      e.set_on(granted);
      TELEGATE_RETURN_IF_ERROR(Record(std::move(e)));
    }
    TELEGATE_RETURN_IF_ERROR(store_.consent()->SavePermissions(permissions_));
  }
  if (store_.is_open() && source == proto::HOST && before != permissions_) {
    TELEGATE_RETURN_IF_ERROR(Record(NewEntry(proto::RECONCILED, source)));
  }
  return Recompute(source);
}

absl::Status Core::Recompute(proto::LedgerSource source) {
  absl::Status first_error;
  auto note = [&first_error](absl::Status s) {
    if (!s.ok() && first_error.ok()) first_error = std::move(s);
  };
  bool changed = false;
  for (CategoryId id = 0; id < catalog_.size(); ++id) {
    Evaluation e = Evaluate(id);
    note(EndCrossBorderIfConsentEnded(id, e, source));
    if (open_[id] && !e.open) {
      changed = true;
      absl::StatusOr<int64_t> purged = Purge(id);
      note(purged.status());
      proto::LedgerEntry closed = NewEntry(proto::CATEGORY_CLOSED, source);
      closed.set_category(catalog_.name(id));
      closed.set_detail(DescribeReasons(e));
      note(Record(std::move(closed)));
      proto::LedgerEntry purge = NewEntry(proto::PURGE, source);
      purge.set_category(catalog_.name(id));
      purge.set_purged_events(purged.ok() ? *purged : 0);
      purge.set_detail(DescribeReasons(e));
      note(Record(std::move(purge)));
      ReportChange(id, false, e, source);
    } else if (open_[id] && e.open && !deps_.gate->IsOpen(id)) {
      // Closed by a caller while the writer still holds it open: a revoke
      // whose task has not run yet (Open refuses while it is pending; the
      // category stays "open" here so that task still purges it), or a
      // precautionary close (SetMinor with guardian consent on record) that
      // reopens in a new epoch once it is lifted.
      deps_.gate->Open(id);
    } else if (!open_[id] && e.open) {
      open_[id] = deps_.gate->Open(id);
      if (open_[id]) {
        NotifyTransition(id, true);
        changed = true;
        proto::LedgerEntry opened = NewEntry(proto::CATEGORY_OPENED, source);
        opened.set_category(catalog_.name(id));
        note(Record(std::move(opened)));
        ReportChange(id, true, e, source);
      }
    }
  }
  if (changed) {
    note(SaveOpenSet());
    if (store_.is_open()) note(store_.consent()->db()->CheckpointTruncate());
  }
  PublishStatus();
  return first_error;
}

absl::StatusOr<int64_t> Core::Purge(CategoryId id, DropReason reason) {
  deps_.gate->Close(id);
  open_[id] = false;
  // Revocation reaches the network: no batch holding the category is sent
  // after this returns (a send in progress is stopped first).
  absl::Status uploads_stopped = uploads_->CancelCategory(id);
  NotifyTransition(id, false);
  int64_t dropped = deps_.purge_queued ? deps_.purge_queued(id) : 0;
  auto keep = std::partition(
      pending_.begin(), pending_.end(),
      [id](const QueuedEvent& e) { return e.grant.category() != id; });
  for (auto it = keep; it != pending_.end(); ++it) {
    WipePayload(&*it);
    ++dropped;
  }
  pending_.erase(keep, pending_.end());
  const std::string& name = catalog_.name(id);
  if (store_internal::EventFile* file = store_.OpenEvents(name)) {
    // An open category's file is open: the count needs no I/O.
    dropped += file->count();
  } else if (store_.HasKeys(name)) {
    // A category found closed at start-up: opened only to count what the
    // purge destroys (an unusable file is replaced and reported). Without
    // a key there is nothing readable to count: an interrupted purge.
    absl::StatusOr<store_internal::EventFile*> file =
        store_.Events(name, /*create=*/false);
    if (file.ok() && *file != nullptr) dropped += (*file)->count();
  }
  deps_.counters->Add(reason, dropped);
  TELEGATE_RETURN_IF_ERROR(store_.Purge(name).status());
  deps_.board->SetBuffered(id, 0);
  PublishIncidents();
  // The local purge is complete either way; a transport that would not stop
  // is reported (kDeadlineExceeded), its batch is never acknowledged.
  TELEGATE_RETURN_IF_ERROR(uploads_stopped);
  return dropped;
}

absl::StatusOr<proto::LedgerExport> Core::ExportLedger() {
  proto::LedgerExport out;
  if (!store_.is_open()) return out;
  TELEGATE_ASSIGN_OR_RETURN(
      std::vector<proto::LedgerRecord> records,
      store_internal::LedgerTable::ReadAll(store_.consent()->db()));
  TELEGATE_RETURN_IF_ERROR(consent_internal::VerifyChain(records));
  for (proto::LedgerRecord& r : records) *out.add_records() = std::move(r);
  if (out.records_size() > 0) {
    out.set_head_hash(out.records(out.records_size() - 1).hash());
  }
  return out;
}

absl::Status Core::VerifyLedger() { return ExportLedger().status(); }

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
  const int64_t now = NowMillis();
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

absl::Status Core::AppendRows(CategoryId id,
                              absl::Span<const store_internal::EventRow> rows) {
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
  // Keeps rewritten payloads alive (secure memory: wiped when released).
  std::deque<util_internal::SecureString> anonymized;
  for (CategoryId id = 0; id < catalog_.size(); ++id) {
    if (state_.anonymous && !rows[id].empty()) {
      AnonymizePendingRows(id, &rows[id], &anonymized);
    }
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
  uploads_->CancelAll();
  store_.Close();
  if (dir_lock_fd_ >= 0) {
    ::flock(dir_lock_fd_, LOCK_UN);
    ::close(dir_lock_fd_);
    dir_lock_fd_ = -1;
  }
}

}  // namespace telegate::client_internal
