#include "upload/upload_manager.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "collect/install_id.h"
#include "event/event_codec.h"
#include "store/cross_border_consent.h"
#include "upload/partner_filter.h"
#include "upload/residency.h"
#include "upload/verdict.h"
#include "util/log.h"
#include "util/status_macros.h"

namespace telegate::upload_internal {

namespace {

uint64_t Bit(catalog_internal::CategoryId id) { return uint64_t{1} << id; }

// One line per reported batch: what went where and what became of it.
void LogOutcome(const std::string& url, int event_count, bool deletion,
                const UploadResponse& response, UploadVerdict verdict) {
  const LogLevel level =
      verdict == UploadVerdict::kAcknowledged ? LogLevel::kDebug
      : verdict == UploadVerdict::kRejected   ? LogLevel::kError
                                              : LogLevel::kWarning;
  if (verdict == UploadVerdict::kDiscarded ||
      !util_internal::LogEnabled(level)) {
    return;
  }
  const std::string what =
      deletion ? std::string("a deletion request")
               : absl::StrCat("a batch of ", event_count, " events");
  const std::string answer =
      response.http_status != 0
          ? absl::StrCat("HTTP ", response.http_status)
          : absl::StrCat("no answer: ", response.error.empty()
                                            ? std::string("unknown error")
                                            : response.error);
  switch (verdict) {
    case UploadVerdict::kAcknowledged:
      util_internal::Log(level, "upload: ", url, " acknowledged ", what);
      break;
    case UploadVerdict::kRejected:
      util_internal::Log(level, "upload: ", url, " rejected ", what, " (",
                         answer, ")",
                         deletion ? "" : "; its events were dropped");
      break;
    case UploadVerdict::kRetry:
      util_internal::Log(level, "upload: sending ", what, " to ", url,
                         " failed (", answer, "); will retry");
      break;
    case UploadVerdict::kDiscarded:
      break;
  }
}

}  // namespace

UploadManager::UploadManager(Deps deps)
    : deps_(std::move(deps)), upload_options_(deps_.options->upload) {
  if (!deps_.unit_random) deps_.unit_random = UnitRandom();
}

UploadManager::~UploadManager() { CancelAll(); }

absl::Time UploadManager::Now() const {
  Clock* clock =
      deps_.options->env->clock ? deps_.options->env->clock : Clock::Real();
  return clock->Now();
}

absl::Status UploadManager::LoadCrossBorder() {
  if (cross_border_loaded_ || !deps_.store->is_open()) return absl::OkStatus();
  TELEGATE_ASSIGN_OR_RETURN(
      std::vector<store_internal::CrossBorderRow> rows,
      store_internal::LoadCrossBorderConsents(deps_.store->consent()->db()));
  for (const store_internal::CrossBorderRow& row : rows) {
    if (row.granted) cross_border_.insert({row.category, row.region});
  }
  cross_border_loaded_ = true;
  return absl::OkStatus();
}

absl::StatusOr<std::vector<std::string>> UploadManager::CrossBorderRegions(
    CategoryId id) {
  TELEGATE_RETURN_IF_ERROR(LoadCrossBorder());
  std::vector<std::string> regions;
  const std::string& name = deps_.catalog->name(id);
  for (auto it = cross_border_.lower_bound({name, ""});
       it != cross_border_.end() && it->first == name; ++it) {
    regions.push_back(it->second);
  }
  return regions;
}

store_internal::CrossBorderRow UploadManager::CrossBorderChange(
    CategoryId id, const std::string& region, bool granted) {
  store_internal::CrossBorderRow row;
  row.category = deps_.catalog->name(id);
  row.region = region;
  row.granted = granted;
  row.changed_ms = absl::ToUnixMillis(Now());
  row.policy_major = deps_.catalog->version_major();
  row.policy_minor = deps_.catalog->version_minor();
  return row;
}

absl::Status UploadManager::EndCrossBorder(CategoryId id) {
  TELEGATE_ASSIGN_OR_RETURN(std::vector<std::string> regions,
                            CrossBorderRegions(id));
  if (regions.empty()) return absl::OkStatus();
  absl::Status first_error;
  for (const std::string& region : regions) {
    cross_border_.erase({deps_.catalog->name(id), region});
    absl::Status saved = store_internal::SaveCrossBorderConsent(
        deps_.store->consent()->db(), CrossBorderChange(id, region, false));
    if (!saved.ok() && first_error.ok()) first_error = saved;
  }
  absl::Status cancelled = CancelIneligible();
  return first_error.ok() ? cancelled : first_error;
}

bool UploadManager::HasCrossBorder(CategoryId id,
                                   const std::string& region) const {
  return cross_border_.count({deps_.catalog->name(id), region}) > 0;
}

std::optional<size_t> UploadManager::RouteOf(CategoryId id) const {
  std::vector<Endpoint> endpoints;
  endpoints.reserve(endpoints_.size());
  for (const EndpointState& e : endpoints_) endpoints.push_back(e.endpoint);
  return Route(deps_.catalog->category(id), endpoints,
               [this, id](const std::string& region) {
                 return HasCrossBorder(id, region);
               });
}

UploadManager::EndpointState* UploadManager::FindEndpoint(
    const std::string& url) {
  for (EndpointState& e : endpoints_) {
    if (e.endpoint.url == url) return &e;
  }
  return nullptr;
}

absl::Status UploadManager::SetEndpoints(std::vector<Endpoint> endpoints) {
  std::vector<EndpointState> next;
  next.reserve(endpoints.size());
  for (Endpoint& e : endpoints) {
    EndpointState* old = FindEndpoint(e.url);
    if (old != nullptr) {
      next.push_back(EndpointState{std::move(e), old->backoff});
    } else {
      next.push_back(EndpointState{
          std::move(e),
          Backoff(upload_options_.backoff_base, upload_options_.backoff_cap,
                  deps_.unit_random)});
    }
  }
  endpoints_ = std::move(next);
  next_endpoint_ = 0;
  return CancelIneligible();
}

absl::Status UploadManager::SetCrossBorderConsent(CategoryId id,
                                                  const std::string& region,
                                                  bool on) {
  if (on && !deps_.store->is_open()) {
    TELEGATE_RETURN_IF_ERROR(deps_.store->Create());
  }
  if (!deps_.store->is_open()) {
    // Withdrawing what was never given, before any consent: nothing to do.
    return absl::OkStatus();
  }
  TELEGATE_RETURN_IF_ERROR(LoadCrossBorder());
  const store_internal::CrossBorderRow row = CrossBorderChange(id, region, on);
  TELEGATE_RETURN_IF_ERROR(store_internal::SaveCrossBorderConsent(
      deps_.store->consent()->db(), row));
  if (on) {
    cross_border_.insert({row.category, region});
    return absl::OkStatus();
  }
  cross_border_.erase({row.category, region});
  return CancelIneligible();
}

absl::StatusOr<UploadTask> UploadManager::NextTask() {
  UploadTask task;  // kDone
  // Nothing at all before the first consent, or without a place to send to.
  if (!deps_.store->is_open() || endpoints_.empty()) return task;
  const absl::Time now = Now();
  ExpireLeases(now);
  TELEGATE_RETURN_IF_ERROR(LoadCrossBorder());
  TELEGATE_RETURN_IF_ERROR(LoadDeletionRequest());
  absl::Time earliest = absl::InfiniteFuture();
  if (deletion_request_) {
    TELEGATE_ASSIGN_OR_RETURN(bool built,
                              BuildDeletionRequest(now, &earliest, &task));
    if (built) return task;
  }

  uint64_t busy = 0;
  for (const auto& [id, batch] : out_) busy |= batch.categories;
  std::vector<std::vector<CategoryId>> routed(endpoints_.size());
  for (CategoryId id = 0; id < deps_.catalog->size(); ++id) {
    // A closed category uploads nothing (and has nothing buffered).
    if ((busy & Bit(id)) != 0 || !deps_.gate->IsOpen(id)) continue;
    std::optional<size_t> route = RouteOf(id);
    if (!route) continue;
    TELEGATE_ASSIGN_OR_RETURN(
        store_internal::EventFile * file,
        deps_.store->Events(deps_.catalog->name(id), /*create=*/false));
    if (file == nullptr || file->count() == 0) continue;
    routed[*route].push_back(id);
  }

  const size_t n = endpoints_.size();
  for (size_t k = 0; k < n; ++k) {
    const size_t i = (next_endpoint_ + k) % n;
    if (routed[i].empty()) continue;
    const std::string& url = endpoints_[i].endpoint.url;
    bool endpoint_busy = std::any_of(
        out_.begin(), out_.end(),
        [&url](const auto& entry) { return entry.second.url == url; });
    if (endpoint_busy) continue;
    absl::Time next = endpoints_[i].backoff.next_attempt();
    if (now < next) {
      earliest = std::min(earliest, next);
      continue;
    }
    TELEGATE_ASSIGN_OR_RETURN(bool built, Build(i, routed[i], now, &task));
    if (built) {
      next_endpoint_ = (i + 1) % n;
      return task;
    }
  }
  if (earliest != absl::InfiniteFuture()) {
    task.kind = UploadTask::Kind::kWait;
    task.wait = earliest - now;
  }
  return task;
}

absl::StatusOr<bool> UploadManager::Build(
    size_t index, const std::vector<CategoryId>& categories, absl::Time now,
    UploadTask* task) {
  const Endpoint& endpoint = endpoints_[index].endpoint;
  if (encoder_ == nullptr) {
    TELEGATE_ASSIGN_OR_RETURN(
        encoder_, BatchEncoder::Create(BatchEncoder::Mode::kDictionary,
                                       upload_options_.compression_level));
  }
  encoder_->Clear();
  Batch batch;
  size_t events_left = std::max<size_t>(upload_options_.max_batch_events, 1);
  size_t bytes_left = upload_options_.max_batch_bytes;
  const size_t start = next_category_++ % categories.size();
  for (size_t k = 0; k < categories.size() && events_left > 0; ++k) {
    const CategoryId id = categories[(start + k) % categories.size()];
    std::optional<consent_internal::GrantToken> grant =
        deps_.gate->TryGrant(id);
    if (!grant) continue;
    TELEGATE_ASSIGN_OR_RETURN(
        store_internal::EventFile * file,
        deps_.store->Events(deps_.catalog->name(id), /*create=*/false));
    if (file == nullptr) continue;
    TELEGATE_ASSIGN_OR_RETURN(std::vector<store_internal::StoredEvent> events,
                              file->ReadOldest(events_left, bytes_left));
    Part part{id, grant->epoch(), {}};
    // The events' copies are wiped as they are released (secure memory).
    for (store_internal::StoredEvent& e : events) {
      if (encoder_->event_count() > 0 && e.payload.size() > bytes_left) break;
      if (endpoint.partner) {
        absl::StatusOr<util_internal::SecureString> stripped =
            StripForPartner(e.payload, deps_.catalog->category(id));
        if (!stripped.ok()) continue;  // undecodable: never to a partner
        e.payload = *std::move(stripped);
      }
      encoder_->Add(e.payload);
      bytes_left -= std::min(bytes_left, e.payload.size());
      --events_left;
      part.seqs.push_back(e.seq);
    }
    if (part.seqs.empty()) continue;
    batch.event_count += static_cast<int>(part.seqs.size());
    batch.categories |= Bit(id);
    batch.parts.push_back(std::move(part));
  }
  if (batch.event_count == 0) {
    encoder_->Clear();
    return false;
  }

  char batch_id[event_internal::kEventIdSize];
  event_internal::NewEventId(batch_id);
  batch.batch_id.assign(batch_id, sizeof(batch_id));
  proto::BatchHeader header;
  StampHeader(endpoint, batch.batch_id, now, &header);
  TELEGATE_ASSIGN_OR_RETURN(std::string body, encoder_->Finish(header));
  HandOut(std::move(batch), endpoint, std::move(body), now, task);
  return true;
}

void UploadManager::StampHeader(const Endpoint& endpoint,
                                const std::string& batch_id, absl::Time now,
                                proto::BatchHeader* header) const {
  header->set_batch_id(batch_id);
  header->set_created_ms(absl::ToUnixMillis(now));
  header->set_region(endpoint.region);
  header->set_partner(endpoint.partner);
  header->set_policy_version_major(deps_.catalog->version_major());
  header->set_policy_version_minor(deps_.catalog->version_minor());
  header->set_app_id(deps_.options->app_id);
  header->set_sdk_version(TELEGATE_SDK_VERSION);
}

void UploadManager::HandOut(Batch batch, const Endpoint& endpoint,
                            std::string body, absl::Time now,
                            UploadTask* task) {
  batch.ticket = std::make_shared<Ticket>(next_task_id_++);
  batch.url = endpoint.url;
  batch.built_at = now;
  task->kind = UploadTask::Kind::kUpload;
  task->request.task_id = batch.ticket->task_id();
  task->request.url = endpoint.url;
  task->request.headers = {{"Content-Type", kBatchContentType}};
  task->request.body = std::move(body);
  task->request.event_count = batch.event_count;
  task->request.control = batch.ticket;
  Register(batch.ticket);
  out_.emplace(batch.ticket->task_id(), std::move(batch));
}

absl::Status UploadManager::LoadDeletionRequest() {
  if (deletion_loaded_ || !deps_.store->is_open()) return absl::OkStatus();
  TELEGATE_ASSIGN_OR_RETURN(
      std::optional<std::string> stored,
      deps_.store->consent()->GetMeta(kDeletionRequestMeta));
  deletion_loaded_ = true;
  if (stored && !stored->empty()) {
    proto::DeletionRequest request;
    if (request.ParseFromString(*stored) && request.install_ids_size() > 0) {
      deletion_request_ = request;
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::optional<proto::DeletionRequest>>
UploadManager::PendingDeletion() {
  TELEGATE_RETURN_IF_ERROR(LoadDeletionRequest());
  return deletion_request_;
}

absl::Status UploadManager::RequestDeletionOf(const std::string& install_id) {
  if (!deps_.store->is_open()) {
    return absl::FailedPreconditionError(
        "no consent database to keep the deletion request in");
  }
  TELEGATE_RETURN_IF_ERROR(LoadDeletionRequest());
  if (!deletion_request_) deletion_request_.emplace();
  for (const std::string& known : deletion_request_->install_ids()) {
    if (known == install_id) return absl::OkStatus();
  }
  deletion_request_->add_install_ids(install_id);
  deletion_request_->set_requested_ms(absl::ToUnixMillis(Now()));
  return deps_.store->consent()->SetMeta(
      kDeletionRequestMeta, deletion_request_->SerializeAsString());
}

absl::Status UploadManager::ClearDeletionRequest() {
  deletion_request_.reset();
  if (!deps_.store->is_open()) return absl::OkStatus();
  return deps_.store->consent()->SetMeta(kDeletionRequestMeta, "");
}

absl::Status UploadManager::OnConsentDbReplaced(
    std::optional<proto::DeletionRequest> request) {
  cross_border_.clear();
  cross_border_loaded_ = false;
  deletion_request_ = std::move(request);
  deletion_loaded_ = true;
  if (!deletion_request_ || !deps_.store->is_open()) return absl::OkStatus();
  return deps_.store->consent()->SetMeta(
      kDeletionRequestMeta, deletion_request_->SerializeAsString());
}

absl::StatusOr<bool> UploadManager::BuildDeletionRequest(absl::Time now,
                                                         absl::Time* earliest,
                                                         UploadTask* task) {
  // Where device.identifiers (the install id) would have gone: the first
  // endpoint that may receive it, never a partner.
  std::optional<size_t> index;
  if (std::optional<CategoryId> id =
          deps_.catalog->Find(collect_internal::kInstallIdCategory)) {
    index = RouteOf(*id);
  } else {
    for (size_t i = 0; i < endpoints_.size() && !index; ++i) {
      if (!endpoints_[i].endpoint.partner) index = i;
    }
  }
  if (!index) return false;
  const Endpoint& endpoint = endpoints_[*index].endpoint;
  for (const auto& [task_id, out] : out_) {
    if (out.deletion_request || out.url == endpoint.url) return false;
  }
  absl::Time next = endpoints_[*index].backoff.next_attempt();
  if (now < next) {
    *earliest = std::min(*earliest, next);
    return false;
  }
  Batch batch;
  batch.deletion_request = true;
  char batch_id[event_internal::kEventIdSize];
  event_internal::NewEventId(batch_id);
  batch.batch_id.assign(batch_id, sizeof(batch_id));
  proto::UploadBody body;
  proto::BatchHeader* header = body.mutable_header();
  StampHeader(endpoint, batch.batch_id, now, header);
  header->set_format_version(kBatchFormatVersion);
  header->set_compression(proto::COMPRESSION_NONE);
  *body.mutable_deletion_request() = *deletion_request_;
  HandOut(std::move(batch), endpoint, body.SerializeAsString(), now, task);
  return true;
}

absl::StatusOr<UploadVerdict> UploadManager::OnResponse(
    uint64_t task_id, const UploadResponse& response) {
  auto it = out_.find(task_id);
  if (it == out_.end()) return UploadVerdict::kDiscarded;
  Batch batch = std::move(it->second);
  out_.erase(it);
  Unregister(task_id);
  batch.ticket->Finish();
  if (batch.ticket->cancelled()) return UploadVerdict::kDiscarded;

  UploadVerdict verdict = ClassifyResponse(response, batch.batch_id);
  LogOutcome(batch.url, batch.event_count, batch.deletion_request, response,
             verdict);
  EndpointState* endpoint = FindEndpoint(batch.url);
  if (batch.deletion_request) {
    // Delivered, or refused for good: either way it is not sent again.
    if (verdict == UploadVerdict::kAcknowledged ||
        verdict == UploadVerdict::kRejected) {
      if (endpoint != nullptr && verdict == UploadVerdict::kAcknowledged) {
        endpoint->backoff.OnSuccess();
      }
      TELEGATE_RETURN_IF_ERROR(ClearDeletionRequest());
    } else if (endpoint != nullptr) {
      endpoint->backoff.OnFailure(Now());
    }
    return verdict;
  }
  switch (verdict) {
    case UploadVerdict::kAcknowledged:
      if (endpoint != nullptr) endpoint->backoff.OnSuccess();
      TELEGATE_RETURN_IF_ERROR(DeleteParts(batch.parts));
      break;
    case UploadVerdict::kRejected:
      // The collector will never take it: drop it, counted.
      deps_.counters->Add(client_internal::DropReason::kUploadRejected,
                          batch.event_count);
      TELEGATE_RETURN_IF_ERROR(DeleteParts(batch.parts));
      break;
    case UploadVerdict::kRetry:
    case UploadVerdict::kDiscarded:
      if (endpoint != nullptr) endpoint->backoff.OnFailure(Now());
      break;
  }
  return verdict;
}

absl::Status UploadManager::DeleteParts(const std::vector<Part>& parts) {
  absl::Status first_error;
  for (const Part& part : parts) {
    // A category revoked (and perhaps re-granted) since the batch was built
    // was purged: its seqs may now name other events.
    std::optional<consent_internal::GrantToken> grant =
        deps_.gate->TryGrant(part.id);
    if (!grant || grant->epoch() != part.epoch) continue;
    absl::StatusOr<store_internal::EventFile*> file =
        deps_.store->Events(deps_.catalog->name(part.id), /*create=*/false);
    absl::Status status = file.status();
    if (status.ok() && *file != nullptr) {
      status = (*file)->Delete(part.seqs);
      deps_.board->SetBuffered(part.id, (*file)->count());
    }
    if (!status.ok() && first_error.ok()) first_error = status;
  }
  return first_error;
}

std::vector<std::shared_ptr<Ticket>> UploadManager::CancelWhere(
    const std::function<bool(const Batch&)>& doomed) {
  std::vector<std::shared_ptr<Ticket>> sending;
  for (auto it = out_.begin(); it != out_.end();) {
    if (!doomed(it->second)) {
      ++it;
      continue;
    }
    std::shared_ptr<Ticket> ticket = it->second.ticket;
    ticket->RequestCancel();
    if (ticket->sending()) {
      // Stays findable until it stops: the host's report is what ends it.
      sending.push_back(ticket);
    } else {
      Unregister(it->first);
    }
    it = out_.erase(it);
  }
  return sending;
}

absl::Status UploadManager::AwaitStopped(
    const std::vector<std::shared_ptr<Ticket>>& tickets) {
  const absl::Time deadline = absl::Now() + upload_options_.cancel_timeout;
  absl::Status status;
  for (const std::shared_ptr<Ticket>& ticket : tickets) {
    if (!ticket->WaitUntilNotSending(deadline) && status.ok()) {
      status = absl::DeadlineExceededError(
          absl::StrCat("upload task ", ticket->task_id(),
                       " was cancelled but its transport did not stop within ",
                       absl::FormatDuration(upload_options_.cancel_timeout)));
    }
    Unregister(ticket->task_id());
  }
  return status;
}

void UploadManager::ReleaseEncoder() { encoder_.reset(); }

absl::Status UploadManager::CancelCategory(CategoryId id) {
  // zstd's working memory still holds literals of the last batch built,
  // which may be of this category: released (and wiped) now.
  ReleaseEncoder();
  return AwaitStopped(CancelWhere(
      [id](const Batch& b) { return (b.categories & Bit(id)) != 0; }));
}

absl::Status UploadManager::CancelIneligible() {
  return AwaitStopped(CancelWhere([this](const Batch& b) {
    const EndpointState* endpoint = nullptr;
    for (const EndpointState& e : endpoints_) {
      if (e.endpoint.url == b.url) endpoint = &e;
    }
    if (endpoint == nullptr) return true;  // no longer a recipient
    for (const Part& part : b.parts) {
      const std::string& region = endpoint->endpoint.region;
      if (!MayReceive(deps_.catalog->category(part.id), endpoint->endpoint,
                      HasCrossBorder(part.id, region))) {
        return true;
      }
    }
    return false;
  }));
}

void UploadManager::CancelAll() {
  ReleaseEncoder();
  for (const std::shared_ptr<Ticket>& t :
       CancelWhere([](const Batch&) { return true; })) {
    Unregister(t->task_id());  // no waiting at shutdown
  }
}

absl::Status UploadManager::CancelAllAndWait() {
  ReleaseEncoder();
  return AwaitStopped(CancelWhere([](const Batch&) { return true; }));
}

void UploadManager::ExpireLeases(absl::Time now) {
  std::vector<std::shared_ptr<Ticket>> sending =
      CancelWhere([this, now](const Batch& b) {
        return now - b.built_at >= upload_options_.task_lease;
      });
  // Asked to stop; not waited for (nothing of theirs is being purged).
  for (const std::shared_ptr<Ticket>& t : sending) Unregister(t->task_id());
}

void UploadManager::Register(const std::shared_ptr<Ticket>& ticket) {
  MutexLock lock(&tickets_mu_);
  tickets_[ticket->task_id()] = ticket;
}

void UploadManager::Unregister(uint64_t task_id) {
  MutexLock lock(&tickets_mu_);
  tickets_.erase(task_id);
}

std::shared_ptr<Ticket> UploadManager::FindTicket(uint64_t task_id) const {
  MutexLock lock(&tickets_mu_);
  auto it = tickets_.find(task_id);
  return it == tickets_.end() ? nullptr : it->second;
}

}  // namespace telegate::upload_internal
