#include "client/client_impl.h"

#include <pthread.h>

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "event/event_codec.h"
#include "rights/json_render.h"
#include "util/secure_memory.h"
#include "util/status_macros.h"

namespace telegate::client_internal {

using catalog_internal::CategoryId;

namespace {
// Status notifications waiting for a slow observer before those of a
// category are coalesced (StatusNotifier).
constexpr size_t kMaxPendingStatusChanges = 64;

// How deep below WriterMain's frame ScrubStack overwrites: more than the
// writer's work (SQLite's step and parse frames, protobuf, zstd) uses.
constexpr size_t kStackScrubBytes = 128u << 10;

// Overwrites the writer thread's stack below the caller's frame. Frames the
// writer's work left there may hold plaintext — locals, and the vector
// registers a lazy-binding trampoline or a signal handler saved — which no
// allocator ever sees.
ABSL_ATTRIBUTE_NOINLINE void ScrubStack() {
  char stack[kStackScrubBytes];
  util_internal::SecureWipe(stack, sizeof(stack));
}

}  // namespace

// The result of a task run on the writer thread. Shared so that a caller
// that timed out can leave while the task still runs.
struct ClientImpl::Completion {
  Mutex mu;
  CondVar cv;
  bool done ABSL_GUARDED_BY(mu) = false;
  absl::Status status ABSL_GUARDED_BY(mu);

  void Finish(absl::Status s) {
    MutexLock lock(&mu);
    done = true;
    status = std::move(s);
    cv.SignalAll();
  }
  absl::Status Wait(absl::Duration timeout) {
    absl::Time deadline = absl::Now() + timeout;
    MutexLock lock(&mu);
    while (!done) {
      if (cv.WaitWithDeadline(&mu, deadline) && !done) {
        return absl::DeadlineExceededError(
            "timed out waiting for the writer thread; the work will still "
            "complete");
      }
    }
    return status;
  }
};

DropCounts Counters::Snapshot() const {
  DropCounts c;
  c.closed = Get(DropReason::kClosed);
  c.revoked = Get(DropReason::kRevoked);
  c.queue_full = Get(DropReason::kQueueFull);
  c.quota = Get(DropReason::kQuota);
  c.expired = Get(DropReason::kExpired);
  c.upload_rejected = Get(DropReason::kUploadRejected);
  c.store_error = Get(DropReason::kStoreError);
  c.key_lost = Get(DropReason::kKeyLost);
  c.anonymized = Get(DropReason::kAnonymized);
  return c;
}

ClientImpl::ClientImpl(const ClientOptions& options,
                       std::shared_ptr<const catalog_internal::Catalog> catalog)
    : options_(options),
      logger_(options_.log, options_.log_level),
      catalog_(std::move(catalog)),
      notifier_(kMaxPendingStatusChanges) {
  Core::Deps deps;
  deps.options = &options_;
  deps.catalog = catalog_;
  deps.gate = &gate_;
  deps.counters = &counters_;
  deps.board = &board_;
  deps.health = &health_;
  deps.purge_queued = [this](CategoryId id) { return PurgeQueued(id); };
  deps.on_transition = [this](CategoryId id, bool open) {
    if (!schedule_) return;
    if (open) {
      schedule_->OnOpened(id);
    } else {
      schedule_->OnClosed(id);
    }
  };
  deps.on_status_change = [this](CategoryChange change) {
    notifier_.Post(std::move(change));
  };
  core_ = std::make_unique<Core>(std::move(deps));

  collect_internal::Collection::Deps collect;
  collect.env = options_.env;
  collect.catalog = catalog_.get();
  collect.gate = &gate_;
  collect.store = core_->store();
  collect.app_id = options_.app_id;
  collect.enqueue = [this](const consent_internal::GrantToken& grant,
                           const proto::EventSpec& spec,
                           absl::Span<const Attribute> attributes) {
    return EnqueueGranted(grant, spec, attributes);
  };
  collect.warn = [this](CategoryId id, int64_t n) {
    board_.AddCollectionWarnings(id, n);
  };
  collect.anonymous = [this] { return core_->anonymous(); };
  collection_ =
      std::make_unique<collect_internal::Collection>(std::move(collect));
}

ClientImpl::~ClientImpl() {
  // Reached on the writer thread itself when Close timed out and the handle
  // is gone: the thread must not be left joinable.
  MutexLock lock(&join_mu_);
  if (writer_.joinable()) writer_.detach();
}

absl::Status ClientImpl::Start() {
  // Before the writer starts: Startup may already open categories.
  std::vector<bool> has_collector(catalog_->size());
  for (CategoryId id = 0; id < catalog_->size(); ++id) {
    has_collector[id] = collection_->HasCollector(id);
  }
  schedule_ = std::make_unique<collect_internal::CollectionSchedule>(
      *catalog_, options_.env->scheduler, std::move(has_collector),
      [weak = weak_from_this()](CategoryId id, uint64_t ticket) {
        if (std::shared_ptr<ClientImpl> self = weak.lock()) {
          self->OnCollectionTimer(id, ticket);
        }
      });
  if (options_.status_observer) {
    // Registered before start-up, so it sees the reconciliation too.
    TELEGATE_RETURN_IF_ERROR(notifier_.Add(options_.status_observer).status());
  }
  {
    MutexLock lock(&join_mu_);
    writer_ = std::thread([self = shared_from_this()] { self->WriterMain(); });
  }
  // The listener first: a permission revoked while start-up runs (after it
  // has read the permissions) queues a refresh behind it instead of being
  // missed. Close unregisters it if start-up fails.
  {
    MutexLock lock(&mu_);
    listening_ = true;
  }
  options_.env->permissions->SetListener(this);
  return RunOnWriter([](Core& core) { return core.Startup(); },
                     options_.open_timeout);
}

absl::Status ClientImpl::UnknownCategory(absl::string_view category) {
  return absl::InvalidArgumentError(
      absl::StrCat("unknown category \"", category, "\""));
}

absl::Status ClientImpl::TrackGranted(consent_internal::GrantToken grant,
                                      absl::string_view event,
                                      absl::Span<const Attribute> attributes) {
  if (closing_.load(std::memory_order_relaxed)) {
    return absl::FailedPreconditionError("client is closed");
  }
  const CategoryId id = grant.category();
  const proto::EventSpec* spec = catalog_->FindEvent(id, event);
  if (spec == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat(
        "category ", catalog_->name(id), " declares no event \"", event, "\""));
  }
  return EnqueueGranted(grant, *spec, attributes);
}

absl::Status ClientImpl::EnqueueGranted(
    const consent_internal::GrantToken& grant, const proto::EventSpec& spec,
    absl::Span<const Attribute> attributes) {
  const CategoryId id = grant.category();
  TELEGATE_RETURN_IF_ERROR(
      event_internal::ValidateAttributes(spec, attributes));

  char event_id[event_internal::kEventIdSize];
  event_internal::NewEventId(event_id);
  Clock* clock = options_.env->clock ? options_.env->clock : Clock::Real();
  event_internal::EventFields fields;
  fields.id = absl::string_view(event_id, sizeof(event_id));
  fields.category = catalog_->name(id);
  fields.name = spec.name();
  fields.capture_time_ms = absl::ToUnixMillis(clock->Now());
  fields.consent_epoch = grant.epoch();
  size_t size = event_internal::EncodedEventSize(fields, attributes);
  if (size > options_.max_event_bytes) {
    return absl::InvalidArgumentError(absl::StrCat(
        "event is ", size, " bytes; the limit is ", options_.max_event_bytes));
  }
  QueuedEvent queued{grant, fields.capture_time_ms, 0,
                     event_internal::EncodeEvent(fields, attributes, size)};

  MutexLock lock(&mu_);
  if (stop_) return absl::FailedPreconditionError("client is closed");
  if (events_.size() >= options_.max_queued_events ||
      queued_bytes_ + size > options_.max_queued_bytes) {
    counters_.Add(DropReason::kQueueFull);
    WipePayload(&queued);
    return absl::ResourceExhaustedError("event queue is full; event dropped");
  }
  queued.seq = next_seq_++;
  bool was_empty = events_.empty();
  if (was_empty) batch_started_ = absl::Now();
  queued_bytes_ += size;
  events_.push_back(std::move(queued));
  if (was_empty || events_.size() == options_.max_batch_events) {
    writer_cv_.Signal();
  }
  return absl::OkStatus();
}

absl::Status ClientImpl::RunOnWriter(std::function<absl::Status(Core&)> fn,
                                     absl::Duration timeout) {
  auto done = std::make_shared<Completion>();
  {
    MutexLock lock(&mu_);
    if (stop_) return absl::FailedPreconditionError("client is closed");
    tasks_.push_back(Task{std::move(fn), done});
    writer_cv_.Signal();
  }
  return done->Wait(timeout);
}

void ClientImpl::PostToWriter(std::function<absl::Status(Core&)> fn) {
  MutexLock lock(&mu_);
  if (stop_) return;
  tasks_.push_back(Task{std::move(fn), nullptr});
  writer_cv_.Signal();
}

void ClientImpl::OnCollectionTimer(CategoryId id, uint64_t ticket) {
  PostToWriter([this, id, ticket](Core&) {
    if (schedule_->OnFired(id, ticket)) {
      // A closed category answers kPermissionDenied without touching
      // anything; platform failures are counted as warnings.
      collection_->Run(id).IgnoreError();
    }
    return absl::OkStatus();
  });
}

absl::StatusOr<CollectionReport> ClientImpl::Collect(
    absl::string_view category) {
  TELEGATE_RETURN_IF_ERROR(CheckOpen());
  std::optional<CategoryId> id = catalog_->Find(category);
  if (!id) {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown category \"", category, "\""));
  }
  if (!collection_->HasCollector(*id)) {
    return absl::FailedPreconditionError(absl::StrCat(
        category, " has no platform collector: the app records it with Track"));
  }
  // Cheap refusal on the caller's thread; the writer asks the gate again.
  if (!gate_.IsOpen(*id)) {
    return absl::Status(absl::StatusCode::kPermissionDenied, "");
  }
  auto report = std::make_shared<CollectionReport>();
  const CategoryId cid = *id;
  TELEGATE_RETURN_IF_ERROR(RunOnWriter(
      [this, cid, report](Core&) -> absl::Status {
        TELEGATE_ASSIGN_OR_RETURN(*report, collection_->Run(cid));
        return absl::OkStatus();
      },
      options_.control_timeout));
  return std::move(*report);
}

absl::Status ClientImpl::CheckOpen() const {
  if (closing_.load()) return absl::FailedPreconditionError("client is closed");
  return absl::OkStatus();
}

absl::Status ClientImpl::RunBarrier(std::vector<CategoryId> ids,
                                    std::function<absl::Status(Core&)> fn) {
  for (CategoryId id : ids) gate_.BeginClose(id);
  const bool revoke = !ids.empty();
  return RunOnWriter(
      [this, ids = std::move(ids), fn = std::move(fn), revoke](Core& core) {
        for (CategoryId id : ids) gate_.EndClose(id);
        absl::Status status = fn(core);
        if (revoke && !status.ok()) {
          util_internal::Log(LogLevel::kError, "revoke of ",
                             catalog_->name(ids.front()),
                             ids.size() > 1 ? " and others" : "",
                             " did not complete: ", status.ToString());
        }
        return status;
      },
      options_.control_timeout);
}

absl::Status ClientImpl::SetConsent(absl::string_view category, bool on) {
  TELEGATE_RETURN_IF_ERROR(CheckOpen());
  std::optional<CategoryId> id = catalog_->Find(category);
  if (!id) {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown category \"", category, "\""));
  }
  const CategoryId cid = *id;
  // Closed for Track from this moment, whatever the writer is doing.
  std::vector<CategoryId> closing;
  if (!on) closing.push_back(cid);
  return RunBarrier(std::move(closing),
                    [cid, on](Core& core) { return core.SetConsent(cid, on); });
}

absl::Status ClientImpl::SetAllConsents(bool on) {
  TELEGATE_RETURN_IF_ERROR(CheckOpen());
  std::vector<CategoryId> closing;
  if (!on) {
    for (CategoryId id = 0; id < catalog_->size(); ++id) closing.push_back(id);
  }
  return RunBarrier(std::move(closing),
                    [on](Core& core) { return core.SetAllConsents(on); });
}

absl::Status ClientImpl::AcceptPolicy(absl::string_view version) {
  TELEGATE_RETURN_IF_ERROR(CheckOpen());
  TELEGATE_ASSIGN_OR_RETURN(consent_internal::PolicyVersion v,
                            consent_internal::PolicyVersion::Parse(version));
  return RunOnWriter([v](Core& core) { return core.AcceptPolicy(v); },
                     options_.control_timeout);
}

absl::Status ClientImpl::RotateKeys() {
  TELEGATE_RETURN_IF_ERROR(CheckOpen());
  return RunOnWriter([](Core& core) { return core.RotateKeys(); },
                     options_.control_timeout);
}

absl::Status ClientImpl::SetMinor(bool under_14) {
  TELEGATE_RETURN_IF_ERROR(CheckOpen());
  std::vector<CategoryId> closing;
  if (under_14) {
    // Precautionary: if guardian consent is on record the writer reopens.
    consent_internal::ConsentModel model(*catalog_, Platform::kAndroid, 0);
    for (CategoryId id = 0; id < catalog_->size(); ++id) {
      if (model.RestrictedForMinors(id)) closing.push_back(id);
    }
  }
  return RunBarrier(std::move(closing),
                    [under_14](Core& core) { return core.SetMinor(under_14); });
}

absl::Status ClientImpl::SetGuardianConsent(bool given) {
  TELEGATE_RETURN_IF_ERROR(CheckOpen());
  return RunOnWriter([given](Core& core) { return core.SetGuardian(given); },
                     options_.control_timeout);
}

absl::Status ClientImpl::RefreshPermissions() {
  TELEGATE_RETURN_IF_ERROR(CheckOpen());
  return RunOnWriter(
      [](Core& core) { return core.RefreshPermissions(proto::HOST); },
      options_.control_timeout);
}

absl::StatusOr<std::string> ClientImpl::ExportLedger() {
  TELEGATE_RETURN_IF_ERROR(CheckOpen());
  auto out = std::make_shared<std::string>();
  TELEGATE_RETURN_IF_ERROR(RunOnWriter(
      [out](Core& core) -> absl::Status {
        TELEGATE_ASSIGN_OR_RETURN(proto::LedgerExport ledger,
                                  core.ExportLedger());
        *out = ledger.SerializeAsString();
        return absl::OkStatus();
      },
      options_.control_timeout));
  return std::move(*out);
}

absl::Status ClientImpl::VerifyLedger() {
  TELEGATE_RETURN_IF_ERROR(CheckOpen());
  return RunOnWriter([](Core& core) { return core.VerifyLedger(); },
                     options_.control_timeout);
}

absl::StatusOr<std::string> ClientImpl::ExportUserData(ExportFormat format) {
  TELEGATE_RETURN_IF_ERROR(CheckOpen());
  TELEGATE_RETURN_IF_ERROR(Flush(options_.control_timeout));
  auto out = std::make_shared<std::string>();
  TELEGATE_RETURN_IF_ERROR(RunOnWriter(
      [this, out, format](Core& core) -> absl::Status {
        TELEGATE_ASSIGN_OR_RETURN(proto::UserDataExport data,
                                  core.ExportUserData(counters_.Snapshot()));
        // One allocation of the exact size: the host's copy. The working
        // copy is wiped.
        *out = format == ExportFormat::kJson
                   ? rights_internal::ExportToJson(data)
                   : data.SerializeAsString();
        WipeExport(&data);
        return absl::OkStatus();
      },
      options_.control_timeout));
  return std::move(*out);
}

absl::Status ClientImpl::DeleteAllData() {
  TELEGATE_RETURN_IF_ERROR(CheckOpen());
  std::vector<CategoryId> all;
  for (CategoryId id = 0; id < catalog_->size(); ++id) all.push_back(id);
  return RunBarrier(std::move(all),
                    [](Core& core) { return core.DeleteAll(); });
}

absl::Status ClientImpl::Anonymize() {
  TELEGATE_RETURN_IF_ERROR(CheckOpen());
  // Commit what is queued first: it is anonymized with the rest.
  TELEGATE_RETURN_IF_ERROR(Flush(options_.control_timeout));
  return RunOnWriter([](Core& core) { return core.Anonymize(); },
                     options_.control_timeout);
}

absl::Status ClientImpl::AllowIdentification() {
  TELEGATE_RETURN_IF_ERROR(CheckOpen());
  return RunOnWriter([](Core& core) { return core.AllowIdentification(); },
                     options_.control_timeout);
}

void ClientImpl::OnPermissionsChanged() {
  if (!CheckOpen().ok()) return;
  RunOnWriter([](Core& core) { return core.RefreshPermissions(proto::OS); },
              options_.control_timeout)
      .IgnoreError();
}

std::vector<CategoryStatus> ClientImpl::GetCategoryStatus() const {
  return board_.Snapshot();
}

int64_t ClientImpl::PurgeQueued(CategoryId id) {
  MutexLock lock(&mu_);
  int64_t removed = 0;
  for (QueuedEvent& e : events_) {
    if (e.grant.category() == id) {
      queued_bytes_ -= e.payload.size();
      WipePayload(&e);
      ++removed;
    }
  }
  if (removed > 0) {
    events_.erase(std::remove_if(events_.begin(), events_.end(),
                                 [id](const QueuedEvent& e) {
                                   return e.grant.category() == id;
                                 }),
                  events_.end());
  }
  return removed;
}

bool ClientImpl::ReadyToCommitLocked() const {
  if (events_.empty()) return false;
  return events_.size() >= options_.max_batch_events || flush_waiters_ > 0 ||
         stop_ || absl::Now() >= batch_started_ + options_.max_batch_delay;
}

void ClientImpl::WriterMain() {
  // Named for the host's traces and crash reports (at most 15 characters).
  pthread_setname_np(pthread_self(), "telegate-writer");
  // Everything logged on this thread goes to the host's hook, if any.
  util_internal::ScopedLogger log_scope(&logger_);
  for (;;) {
    std::deque<Task> tasks;
    {
      MutexLock lock(&mu_);
      while (!stop_ && tasks_.empty() && !ReadyToCommitLocked() &&
             absl::Now() < retention_due_) {
        // Nothing queued and nothing buffered: no deadline at all.
        absl::Time deadline = retention_due_;
        if (!events_.empty()) {
          deadline =
              std::min(deadline, batch_started_ + options_.max_batch_delay);
        }
        if (deadline == absl::InfiniteFuture()) {
          writer_cv_.Wait(&mu_);
        } else {
          writer_cv_.WaitWithDeadline(&mu_, deadline);
        }
        wakeups_.fetch_add(1, std::memory_order_relaxed);
      }
      tasks.swap(tasks_);
      if (ReadyToCommitLocked()) {
        size_t n = std::min(events_.size(), options_.max_batch_events);
        std::vector<QueuedEvent>* pending = core_->pending();
        pending->reserve(n);
        for (size_t i = 0; i < n; ++i) {
          queued_bytes_ -= events_.front().payload.size();
          pending->push_back(std::move(events_.front()));
          events_.pop_front();
        }
        if (!events_.empty()) batch_started_ = absl::Now();
      }
    }
    for (Task& task : tasks) {
      absl::Status status = task.fn(*core_);
      core_->PublishBuffered();
      core_->PublishPendingChanges();
      // Before the caller learns the task is done (a revoke returns).
      ScrubStack();
      if (task.done) task.done->Finish(std::move(status));
    }
    const bool committing = !core_->pending()->empty();
    core_->CommitPending();
    if (committing) ScrubStack();
    absl::Status error = core_->TakeCommitError();
    // Retention: due by the platform clock, waited for in real time.
    core_->MaybeEnforceRetention();
    absl::Duration until = core_->TimeUntilRetention();
    retention_due_ = until == absl::InfiniteDuration() ? absl::InfiniteFuture()
                                                       : absl::Now() + until;
    {
      MutexLock lock(&mu_);
      done_seq_ = events_.empty() ? next_seq_ - 1 : events_.front().seq - 1;
      if (!error.ok()) commit_error_ = error;
      progress_cv_.SignalAll();
      if (stop_ && events_.empty() && tasks_.empty()) break;
    }
  }
  schedule_->CancelAll();
  core_->Shutdown();
  ScrubStack();  // the thread's stack may be cached for a later thread
  MutexLock lock(&mu_);
  writer_exited_ = true;
  progress_cv_.SignalAll();
}

absl::Status ClientImpl::Flush(absl::Duration timeout) {
  if (closing_.load()) return absl::FailedPreconditionError("client is closed");
  absl::Time deadline = absl::Now() + timeout;
  // Work already handed to the writer (a collection whose timer fired)
  // queues its events first.
  TELEGATE_RETURN_IF_ERROR(
      RunOnWriter([](Core&) { return absl::OkStatus(); }, timeout));
  MutexLock lock(&mu_);
  const uint64_t target = next_seq_ - 1;
  ++flush_waiters_;
  writer_cv_.Signal();
  while (done_seq_ < target && !writer_exited_) {
    if (progress_cv_.WaitWithDeadline(&mu_, deadline)) break;
  }
  --flush_waiters_;
  if (done_seq_ < target) {
    return absl::DeadlineExceededError(
        "flush timed out; events are still queued");
  }
  return std::exchange(commit_error_, absl::OkStatus());
}

absl::Status ClientImpl::Close(absl::Duration timeout) {
  absl::Time deadline = absl::Now() + timeout;
  if (!closing_.exchange(true)) {
    bool listening;
    {
      MutexLock lock(&mu_);
      listening = listening_;
      listening_ = false;
    }
    // Outside mu_: this waits for a listener call that may be running.
    if (listening) options_.env->permissions->SetListener(nullptr);
    MutexLock lock(&mu_);
    stop_ = true;
    writer_cv_.Signal();
  }
  {
    MutexLock lock(&mu_);
    while (!writer_exited_) {
      if (progress_cv_.WaitWithDeadline(&mu_, deadline) && !writer_exited_) {
        return absl::DeadlineExceededError(
            "the writer thread did not stop in time; it finishes in the "
            "background");
      }
    }
  }
  {
    MutexLock lock(&join_mu_);
    if (writer_.joinable() && writer_.get_id() != std::this_thread::get_id()) {
      writer_.join();
    }
  }
  // The writer has posted its last transition: deliver, then stop.
  return notifier_.Stop(deadline);
}

absl::StatusOr<uint64_t> ClientImpl::AddStatusObserver(
    StatusObserver observer) {
  TELEGATE_RETURN_IF_ERROR(CheckOpen());
  return notifier_.Add(std::move(observer));
}

absl::Status ClientImpl::RemoveStatusObserver(uint64_t id) {
  return notifier_.Remove(id);
}

}  // namespace telegate::client_internal
