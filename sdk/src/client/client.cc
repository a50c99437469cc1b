// telegate::Client::Open and the public handle around ClientImpl.
#include "telegate/client.h"

#include <openssl/crypto.h>

#include <exception>
#include <memory>
#include <new>
#include <utility>

#include "absl/strings/str_cat.h"
#include "catalog/catalog.h"
#include "client/client_impl.h"
#include "telegate/clock.h"
#include "util/log.h"

namespace telegate {

namespace {

constexpr absl::Duration kDestructorCloseTimeout = absl::Seconds(10);

// Converts an escaping exception (std::bad_alloc, mostly) into a status so
// that nothing ever propagates into the host app.
template <typename Fn>
auto NoThrow(Fn&& fn) -> decltype(fn()) {
  try {
    return fn();
  } catch (const std::bad_alloc&) {
    return absl::ResourceExhaustedError("out of memory");
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("internal error: ", e.what()));
  } catch (...) {
    return absl::InternalError("internal error");
  }
}

class ClientHandle final : public Client {
 public:
  explicit ClientHandle(std::shared_ptr<client_internal::ClientImpl> impl)
      : impl_(std::move(impl)) {}
  ~ClientHandle() override {
    try {
      impl_->Close(kDestructorCloseTimeout).IgnoreError();
    } catch (...) {
    }
  }

  absl::Status Track(absl::string_view category, absl::string_view event,
                     absl::Span<const Attribute> attributes) override {
    return NoThrow([&] { return impl_->Track(category, event, attributes); });
  }
  absl::Status SetConsent(absl::string_view category, bool on) override {
    return NoThrow([&] { return impl_->SetConsent(category, on); });
  }
  absl::Status SetAllConsents(bool on) override {
    return NoThrow([&] { return impl_->SetAllConsents(on); });
  }
  absl::Status AcceptPolicy(absl::string_view version) override {
    return NoThrow([&] { return impl_->AcceptPolicy(version); });
  }
  absl::Status SetMinor(bool under_14) override {
    return NoThrow([&] { return impl_->SetMinor(under_14); });
  }
  absl::Status SetGuardianConsent(bool given) override {
    return NoThrow([&] { return impl_->SetGuardianConsent(given); });
  }
  absl::Status RefreshPermissions() override {
    return NoThrow([&] { return impl_->RefreshPermissions(); });
  }
  absl::StatusOr<CollectionReport> Collect(
      absl::string_view category) override {
    return NoThrow([&] { return impl_->Collect(category); });
  }
  absl::StatusOr<std::string> ExportLedger() override {
    return NoThrow([&] { return impl_->ExportLedger(); });
  }
  absl::StatusOr<std::string> ExportUserData(ExportFormat format) override {
    return NoThrow([&] { return impl_->ExportUserData(format); });
  }
  absl::Status Anonymize() override {
    return NoThrow([&] { return impl_->Anonymize(); });
  }
  absl::Status AllowIdentification() override {
    return NoThrow([&] { return impl_->AllowIdentification(); });
  }
  absl::Status DeleteAllData() override {
    return NoThrow([&] { return impl_->DeleteAllData(); });
  }
  absl::Status VerifyLedger() override {
    return NoThrow([&] { return impl_->VerifyLedger(); });
  }
  std::vector<CategoryStatus> GetCategoryStatus() override {
    try {
      return impl_->GetCategoryStatus();
    } catch (...) {
      return {};
    }
  }
  DropCounts GetDropCounts() override { return impl_->GetDropCounts(); }
  StoreHealth GetStoreHealth() override {
    try {
      return impl_->GetStoreHealth();
    } catch (...) {
      return {};
    }
  }
  absl::Status RotateKeys() override {
    return NoThrow([&] { return impl_->RotateKeys(); });
  }
  absl::Status Flush(absl::Duration timeout) override {
    return NoThrow([&] { return impl_->Flush(timeout); });
  }
  absl::Status SetEndpoints(std::vector<Endpoint> endpoints) override {
    return NoThrow([&] { return impl_->SetEndpoints(std::move(endpoints)); });
  }
  absl::Status SetCrossBorderConsent(absl::string_view category,
                                     absl::string_view region,
                                     bool on) override {
    return NoThrow(
        [&] { return impl_->SetCrossBorderConsent(category, region, on); });
  }
  absl::StatusOr<UploadTask> GetUploadTask() override {
    return NoThrow([&] { return impl_->GetUploadTask(); });
  }
  absl::StatusOr<UploadVerdict> ReportUploadResult(
      uint64_t task_id, const UploadResponse& response) override {
    return NoThrow(
        [&] { return impl_->ReportUploadResult(task_id, response); });
  }
  absl::StatusOr<uint64_t> AddStatusObserver(StatusObserver observer) override {
    return NoThrow(
        [&] { return impl_->AddStatusObserver(std::move(observer)); });
  }
  absl::Status RemoveStatusObserver(uint64_t id) override {
    return NoThrow([&] { return impl_->RemoveStatusObserver(id); });
  }
  absl::Status Close(absl::Duration timeout) override {
    return NoThrow([&] { return impl_->Close(timeout); });
  }

 private:
  std::shared_ptr<client_internal::ClientImpl> impl_;
};

absl::StatusOr<std::unique_ptr<Client>> OpenImpl(const ClientOptions& options) {
  // SQLCipher needs OpenSSL until the client is closed, and a host may close
  // it late: from a static's destructor at exit. By default OpenSSL frees
  // its state in an atexit handler registered at its first use, which may
  // run before that destructor (and then the final commit crashes). Being
  // the first to initialise OpenSSL, ask it to leave its state to the OS
  // at exit instead; when the host initialised it earlier, this changes
  // nothing.
  OPENSSL_init_crypto(OPENSSL_INIT_NO_ATEXIT, nullptr);
  if (options.env == nullptr || options.env->permissions == nullptr ||
      options.env->key_store == nullptr) {
    return absl::InvalidArgumentError(
        "ClientOptions.env with a permission source and a key store is "
        "required");
  }
  if (options.data_dir.empty()) {
    return absl::InvalidArgumentError("ClientOptions.data_dir is required");
  }
  if (options.max_batch_events == 0 || options.max_queued_events == 0) {
    return absl::InvalidArgumentError(
        "max_batch_events and max_queued_events must be positive");
  }
  // Whatever the libraries underneath log while this client works goes to
  // its hook (or nowhere), never to the host's stderr.
  util_internal::RouteLibraryLogs();
  util_internal::Logger open_logger(options.log, options.log_level);
  util_internal::ScopedLogger log_scope(&open_logger);
  absl::StatusOr<std::shared_ptr<const catalog_internal::Catalog>> catalog =
      options.policy_document.empty()
          ? catalog_internal::Catalog::Default()
          : catalog_internal::Catalog::Parse(options.policy_document);
  if (!catalog.ok()) return catalog.status();
  auto impl = std::make_shared<client_internal::ClientImpl>(
      options, *std::move(catalog));
  absl::Status started = impl->Start();
  if (!started.ok()) {
    impl->Close(options.open_timeout).IgnoreError();
    return started;
  }
  return std::unique_ptr<Client>(new ClientHandle(std::move(impl)));
}

class RealClock final : public Clock {
 public:
  absl::Time Now() override { return absl::Now(); }
};

}  // namespace

absl::StatusOr<std::unique_ptr<Client>> Client::Open(
    const ClientOptions& options) {
  try {
    return OpenImpl(options);
  } catch (const std::bad_alloc&) {
    return absl::ResourceExhaustedError("out of memory");
  } catch (...) {
    return absl::InternalError("internal error while opening the client");
  }
}

Clock* Clock::Real() {
  static RealClock* clock = new RealClock();
  return clock;
}

const char* ClosedReasonName(ClosedReason reason) {
  switch (reason) {
    case ClosedReason::kConsentOff:
      return "consent_off";
    case ClosedReason::kPermissionMissing:
      return "permission_missing";
    case ClosedReason::kUnavailable:
      return "unavailable";
    case ClosedReason::kPolicyReconsent:
      return "policy_reconsent";
    case ClosedReason::kMinor:
      return "minor";
  }
  return "unknown";
}

const char* ChangeSourceName(ChangeSource source) {
  switch (source) {
    case ChangeSource::kUser:
      return "user";
    case ChangeSource::kOs:
      return "os";
    case ChangeSource::kHost:
      return "host";
    case ChangeSource::kStartup:
      return "startup";
    case ChangeSource::kPolicy:
      return "policy";
  }
  return "unknown";
}

const char* StoreProblemName(StoreProblem problem) {
  switch (problem) {
    case StoreProblem::kKeyMissing:
      return "key_missing";
    case StoreProblem::kUndecryptable:
      return "undecryptable";
    case StoreProblem::kNewerSchema:
      return "newer_schema";
    case StoreProblem::kPlanted:
      return "planted";
  }
  return "unknown";
}

}  // namespace telegate
