// Core's user-rights work (SPEC guarantee 9): access (export), delete
// everything, anonymize. Runs on the writer thread like the rest of Core.
#include <algorithm>
#include <deque>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "client/core.h"
#include "collect/install_id.h"
#include "consent/ledger.h"
#include "event/parsed_event.h"
#include "rights/anonymizer.h"
#include "store/ledger_table.h"
#include "util/files.h"
#include "util/secure_memory.h"
#include "util/status_macros.h"

namespace telegate::client_internal {

namespace {
// Written before an account deletion starts, removed when it is complete.
constexpr char kDeleteMarkerFile[] = "delete-all.pending";
// Written before an anonymization starts, removed when it is complete.
constexpr char kAnonymizeMarkerFile[] = "anonymize.pending";
constexpr char kMetaAnonymous[] = "anonymous";
// Anonymize rewrites at most this much per transaction (bounded memory).
constexpr int64_t kAnonymizeChunkEvents = 256;
constexpr size_t kAnonymizeChunkBytes = 1 << 20;
}  // namespace

std::string Core::DeleteMarkerPath() const {
  return util_internal::JoinPath(deps_.options->data_dir, kDeleteMarkerFile);
}

absl::Status Core::DeleteAll() {
  // Before anything is destroyed: the backend is to be asked to delete what
  // it received under the install id.
  KeepDeletionRequest();
  {
    // Durable intent first: a crash from here on completes at next start.
    absl::Status marked =
        util_internal::WriteFileDurably(DeleteMarkerPath(), "");
    TELEGATE_RETURN_IF_ERROR(marked);
  }
  int64_t purged = 0;
  absl::Status first_error;
  for (CategoryId id = 0; id < catalog_.size(); ++id) {
    state_.categories[id] = consent_internal::CategoryConsent();
    absl::Status token = store_.DestroyConsentToken(catalog_.name(id));
    if (!token.ok() && first_error.ok()) first_error = token;
    const bool was_open = open_[id];
    absl::StatusOr<int64_t> n = Purge(id);
    if (was_open) ReportChange(id, false, Evaluate(id), proto::USER);
    if (n.ok()) {
      purged += *n;
    } else if (first_error.ok()) {
      first_error = n.status();
    }
  }
  TELEGATE_RETURN_IF_ERROR(first_error);
  return FinishDeleteAll(purged, "account deleted by the user");
}

absl::Status Core::FinishDeleteAll(int64_t purged, const std::string& detail) {
  // Anything left on disk that no category of this catalog owns.
  TELEGATE_ASSIGN_OR_RETURN(std::vector<std::string> on_disk,
                            store_.CategoriesOnDisk());
  for (const std::string& name : on_disk) {
    TELEGATE_RETURN_IF_ERROR(store_.Purge(name).status());
  }
  // Consent tokens too (a deletion completed at start-up destroys them
  // here): no consent survives.
  for (CategoryId id = 0; id < catalog_.size(); ++id) {
    TELEGATE_RETURN_IF_ERROR(store_.DestroyConsentToken(catalog_.name(id)));
  }
  std::optional<proto::DeletionRequest> request = PendingDeletionRequest();
  // The consent state and history go with their key.
  TELEGATE_RETURN_IF_ERROR(store_.DestroyConsentDb());
  state_ = consent_internal::ConsentState();
  state_.categories.resize(catalog_.size());
  for (CategoryId id = 0; id < catalog_.size(); ++id) {
    deps_.gate->Close(id);
    open_[id] = false;
    deps_.board->SetBuffered(id, 0);
  }
  // A new database holding only the record of the deletion (and the
  // deletion request until a collector has it).
  TELEGATE_RETURN_IF_ERROR(EnsureStore());
  const int retired = request ? request->install_ids_size() : 0;
  TELEGATE_RETURN_IF_ERROR(uploads_->OnConsentDbReplaced(std::move(request)));
  proto::LedgerEntry entry = NewEntry(proto::DELETE_ALL, proto::USER);
  entry.set_purged_events(purged);
  entry.set_detail(
      retired == 0 ? detail
                   : absl::StrCat(detail, "; deletion request for ", retired,
                                  " install id(s) queued for the"
                                  " server"));
  TELEGATE_RETURN_IF_ERROR(Record(std::move(entry)));
  TELEGATE_RETURN_IF_ERROR(util_internal::RemoveFile(DeleteMarkerPath()));
  TELEGATE_RETURN_IF_ERROR(
      util_internal::SyncDirectory(deps_.options->data_dir));
  PublishStatus();
  return absl::OkStatus();
}

void Core::KeepDeletionRequest() {
  // Best effort: a damaged identifiers file must not stop the deletion.
  absl::StatusOr<std::optional<std::string>> id =
      collect_internal::FindInstallId(&store_,
                                      collect_internal::kInstallIdCategory);
  if (!id.ok() || !id->has_value()) return;
  proto::DeletionRequest request =
      PendingDeletionRequest().value_or(proto::DeletionRequest());
  for (const std::string& known : request.install_ids()) {
    if (known == **id) return;
  }
  request.add_install_ids(**id);
  request.set_requested_ms(NowMillis());
  store_.consent()
      ->SetMeta(upload_internal::kDeletionRequestMeta,
                request.SerializeAsString())
      .IgnoreError();
}

std::optional<proto::DeletionRequest> Core::PendingDeletionRequest() {
  // At start-up, finishing an interrupted deletion, the old database may
  // still be readable (or not, if its key went first).
  if (!store_.OpenConsentIfReadable()) return std::nullopt;
  absl::StatusOr<std::optional<std::string>> stored =
      store_.consent()->GetMeta(upload_internal::kDeletionRequestMeta);
  proto::DeletionRequest request;
  if (!stored.ok() || !stored->has_value() || (*stored)->empty() ||
      !request.ParseFromString(**stored) || request.install_ids_size() == 0) {
    return std::nullopt;
  }
  return request;
}

absl::StatusOr<proto::UserDataExport> Core::ExportUserData(
    const DropCounts& drops) {
  proto::UserDataExport out;
  absl::Status filled = FillExport(drops, &out);
  if (!filled.ok()) {
    WipeExport(&out);
    return filled;
  }
  return out;
}

absl::Status Core::FillExport(const DropCounts& drops,
                              proto::UserDataExport* out) {
  out->set_exported_ms(NowMillis());
  out->set_app_policy_version(model_.current().ToString());
  if (state_.accepted) {
    out->set_accepted_policy_version(state_.accepted->ToString());
  }
  out->set_minor(state_.minor);
  out->set_guardian_consent(state_.guardian);
  for (CategoryId id = 0; id < catalog_.size(); ++id) {
    const proto::Category& c = catalog_.category(id);
    proto::CategoryExport* category = out->add_categories();
    category->set_name(c.name());
    category->set_contents(c.contents());
    category->set_purpose(c.purpose());
    category->set_sensitivity(c.sensitivity() == proto::SENSITIVE ? "sensitive"
                              : c.sensitivity() == proto::NON_PERSONAL
                                  ? "non-personal"
                                  : "personal");
    category->set_open(open_[id]);
    for (ClosedReason r : Evaluate(id).reasons) {
      category->add_closed_reasons(ClosedReasonName(r));
    }
    const consent_internal::CategoryConsent& consent = state_.categories[id];
    category->set_consent_on(consent.on);
    if (consent.stamp.valid()) {
      category->set_consent_policy_version(consent.stamp.ToString());
    }
    category->set_consent_changed_ms(consent.changed_ms);
    TELEGATE_ASSIGN_OR_RETURN(store_internal::EventFile * file,
                              store_.Events(c.name(), /*create=*/false));
    if (file == nullptr) continue;
    absl::Status parsed = absl::OkStatus();
    TELEGATE_RETURN_IF_ERROR(
        file->ForEach([&](const store_internal::EventRow& row) {
          if (!category->add_events()->ParseFromArray(
                  row.payload.data(), static_cast<int>(row.payload.size()))) {
            parsed = absl::DataLossError(
                absl::StrCat("undecodable event in ", c.name()));
            return false;
          }
          return true;
        }));
    TELEGATE_RETURN_IF_ERROR(parsed);
  }
  if (store_.is_open()) {
    TELEGATE_ASSIGN_OR_RETURN(
        std::vector<proto::LedgerRecord> records,
        store_internal::LedgerTable::ReadAll(store_.consent()->db()));
    for (proto::LedgerRecord& r : records) {
      *out->mutable_ledger()->add_records() = std::move(r);
    }
    if (out->ledger().records_size() > 0) {
      out->mutable_ledger()->set_head_hash(
          out->ledger().records(out->ledger().records_size() - 1).hash());
    }
  }
  TELEGATE_ASSIGN_OR_RETURN(std::optional<proto::DeletionRequest> pending,
                            uploads_->PendingDeletion());
  if (pending) {
    for (const std::string& id : pending->install_ids()) {
      out->add_pending_deletion_install_ids(id);
    }
  }
  auto add_drop = [out](const char* reason, int64_t count) {
    proto::DropCount* d = out->add_drops();
    d->set_reason(reason);
    d->set_count(count);
  };
  add_drop("closed", drops.closed);
  add_drop("revoked", drops.revoked);
  add_drop("queue_full", drops.queue_full);
  add_drop("quota", drops.quota);
  add_drop("expired", drops.expired);
  add_drop("upload_rejected", drops.upload_rejected);
  add_drop("store_error", drops.store_error);
  add_drop("key_lost", drops.key_lost);
  add_drop("anonymized", drops.anonymized);
  return absl::OkStatus();
}

void WipeExport(proto::UserDataExport* data) {
  for (proto::CategoryExport& category : *data->mutable_categories()) {
    for (proto::Event& event : *category.mutable_events()) {
      event_internal::WipeEvent(&event);
    }
  }
  for (std::string& id : *data->mutable_pending_deletion_install_ids()) {
    util_internal::WipeStdString(&id);
  }
}

std::string Core::AnonymizeMarkerPath() const {
  return util_internal::JoinPath(deps_.options->data_dir, kAnonymizeMarkerFile);
}

absl::Status Core::LoadAnonymous() {
  TELEGATE_ASSIGN_OR_RETURN(std::optional<std::string> anonymous,
                            store_.consent()->GetMeta(kMetaAnonymous));
  state_.anonymous = anonymous && *anonymous == "1";
  return absl::OkStatus();
}

absl::Status Core::Anonymize() {
  // Durable intent: an interruption completes at the next Startup.
  TELEGATE_RETURN_IF_ERROR(
      util_internal::WriteFileDurably(AnonymizeMarkerPath(), ""));
  // Nothing captured before this call may escape: commit what is pending
  // (in anonymous mode from here on) before rewriting what is stored.
  TELEGATE_RETURN_IF_ERROR(EnsureStore());
  TELEGATE_RETURN_IF_ERROR(store_.consent()->SetMeta(kMetaAnonymous, "1"));
  state_.anonymous = true;
  CommitPending();
  // No batch built from the originals leaves after this returns.
  absl::Status uploads_stopped = uploads_->CancelAllAndWait();
  int64_t rewritten = 0;
  int64_t removed = 0;
  for (CategoryId id = 0; id < catalog_.size(); ++id) {
    TELEGATE_ASSIGN_OR_RETURN(
        store_internal::EventFile * file,
        store_.Events(catalog_.name(id), /*create=*/false));
    if (file == nullptr || file->count() == 0) continue;
    // In chunks, each rewritten in one transaction (originals securely
    // deleted, anonymized copies appended): a crash leaves every event
    // either as it was or anonymized, and the marker finishes the rest
    // (anonymizing twice changes nothing). The copies get new, higher
    // seqs, so the oldest `remaining` events are always originals.
    int64_t remaining = file->count();
    while (remaining > 0) {
      TELEGATE_ASSIGN_OR_RETURN(
          std::vector<store_internal::StoredEvent> chunk,
          file->ReadOldest(static_cast<size_t>(std::min<int64_t>(
                               remaining, kAnonymizeChunkEvents)),
                           kAnonymizeChunkBytes));
      if (chunk.empty()) break;
      remaining -= static_cast<int64_t>(chunk.size());
      std::vector<int64_t> seqs;
      // Owns the rows' bytes; reserved once, so the rows' views stay valid.
      std::vector<util_internal::SecureString> payloads;
      std::vector<store_internal::EventRow> out;
      payloads.reserve(chunk.size());
      for (const store_internal::StoredEvent& original : chunk) {
        seqs.push_back(original.seq);
        event_internal::ParsedEvent event;  // wiped when it goes
        if (!event.Parse(original.payload) ||
            !rights_internal::AnonymizeEvent(catalog_, id, event.event())) {
          ++removed;
          continue;
        }
        payloads.push_back(event.Serialize());
        store_internal::EventRow row;
        row.capture_ms = original.capture_ms;
        row.payload = payloads.back();
        out.push_back(row);
      }
      // The originals (chunk) and the copies are wiped as they are released.
      absl::Status replaced = file->Replace(seqs, out);
      TELEGATE_RETURN_IF_ERROR(replaced);
      rewritten += static_cast<int64_t>(out.size());
    }
    UpdateBuffered(catalog_.name(id));
  }
  deps_.counters->Add(DropReason::kAnonymized, removed);
  // The install id links events to each other and to what the server has:
  // retired, so a later identification starts from a new one, and the
  // server is asked to delete what it holds under it (a deletion request,
  // queued before the id is gone so that a crash in between loses neither).
  TELEGATE_ASSIGN_OR_RETURN(std::optional<std::string> install_id,
                            collect_internal::FindInstallId(
                                &store_, collect_internal::kInstallIdCategory));
  const bool retired = install_id.has_value();
  if (install_id && !install_id->empty()) {
    absl::Status queued = uploads_->RequestDeletionOf(*install_id);
    util_internal::SecureWipe(&(*install_id)[0], install_id->size());
    TELEGATE_RETURN_IF_ERROR(queued);
  }
  TELEGATE_RETURN_IF_ERROR(collect_internal::RetireInstallId(
      &store_, collect_internal::kInstallIdCategory));
  // Whatever the rewrite left behind under the old keys (free pages, WAL
  // frames, flash blocks) becomes unreadable with them.
  TELEGATE_RETURN_IF_ERROR(RotateKeys());
  // SQLite's buffers (statement registers, lookaside, page cache slots) may
  // still hold rows as they were before the rewrite: released and wiped.
  TELEGATE_RETURN_IF_ERROR(store_.ReopenEvents());
  proto::LedgerEntry entry = NewEntry(proto::ANONYMIZED, proto::USER);
  entry.set_purged_events(removed);
  entry.set_detail(absl::StrCat("rewritten=", rewritten, " removed=", removed,
                                retired ? " install_id=retired (deletion "
                                          "request queued for the server)"
                                        : ""));
  TELEGATE_RETURN_IF_ERROR(Record(std::move(entry)));
  TELEGATE_RETURN_IF_ERROR(util_internal::RemoveFile(AnonymizeMarkerPath()));
  TELEGATE_RETURN_IF_ERROR(
      util_internal::SyncDirectory(deps_.options->data_dir));
  // The rewrite is complete either way; a transport that would not stop is
  // reported (kDeadlineExceeded), its batch is never acknowledged.
  return uploads_stopped;
}

absl::Status Core::AllowIdentification() {
  if (!state_.anonymous) return absl::OkStatus();
  TELEGATE_RETURN_IF_ERROR(store_.consent()->SetMeta(kMetaAnonymous, "0"));
  state_.anonymous = false;
  proto::LedgerEntry entry = NewEntry(proto::ANONYMIZED, proto::USER);
  entry.set_detail("identification allowed again");
  return Record(std::move(entry));
}

void Core::AnonymizePendingRows(
    CategoryId id, std::vector<store_internal::EventRow>* rows,
    std::deque<util_internal::SecureString>* storage) {
  std::vector<store_internal::EventRow> out;
  for (const store_internal::EventRow& row : *rows) {
    event_internal::ParsedEvent event;  // wiped when it goes
    if (!event.Parse(row.payload)) continue;
    if (!rights_internal::AnonymizeEvent(catalog_, id, event.event())) {
      deps_.counters->Add(DropReason::kAnonymized);
      continue;
    }
    storage->push_back(event.Serialize());
    store_internal::EventRow r = row;
    r.payload = storage->back();
    out.push_back(r);
  }
  rows->swap(out);
}

}  // namespace telegate::client_internal
