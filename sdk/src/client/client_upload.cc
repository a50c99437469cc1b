// ClientImpl's upload calls: validate on the caller's thread, then run the
// work on the writer thread (UploadManager), which owns the store.
#include <memory>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "client/client_impl.h"
#include "upload/endpoint_url.h"
#include "util/status_macros.h"

namespace telegate::client_internal {

absl::Status ClientImpl::SetEndpoints(std::vector<Endpoint> endpoints) {
  if (closing_.load()) return absl::FailedPreconditionError("client is closed");
  std::set<std::string> urls;
  for (const Endpoint& e : endpoints) {
    TELEGATE_RETURN_IF_ERROR(ValidateEndpoint(e));
    if (!urls.insert(e.url).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("endpoint ", e.url, " is listed twice"));
    }
  }
  auto list = std::make_shared<std::vector<Endpoint>>(std::move(endpoints));
  return RunOnWriter(
      [list](Core& core) {
        return core.uploads()->SetEndpoints(std::move(*list));
      },
      options_.control_timeout);
}

absl::Status ClientImpl::SetCrossBorderConsent(absl::string_view category,
                                               absl::string_view region,
                                               bool on) {
  if (closing_.load()) return absl::FailedPreconditionError("client is closed");
  std::optional<catalog_internal::CategoryId> id = catalog_->Find(category);
  if (!id) {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown category \"", category, "\""));
  }
  if (!upload_internal::IsRegionCode(region)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "region \"", region,
        "\" must be an ISO 3166 alpha-2 code in upper case, e.g. SG"));
  }
  const catalog_internal::CategoryId cid = *id;
  std::string r(region);
  return RunOnWriter(
      [cid, r, on](Core& core) {
        return core.SetCrossBorderConsent(cid, r, on);
      },
      options_.control_timeout);
}

absl::StatusOr<UploadTask> ClientImpl::GetUploadTask() {
  if (closing_.load()) return absl::FailedPreconditionError("client is closed");
  // Shared: if the wait times out, the writer still writes here.
  auto result = std::make_shared<absl::StatusOr<UploadTask>>(UploadTask{});
  TELEGATE_RETURN_IF_ERROR(RunOnWriter(
      [result](Core& core) {
        *result = core.uploads()->NextTask();
        return result->status();
      },
      options_.control_timeout));
  return std::move(*result);
}

absl::StatusOr<UploadVerdict> ClientImpl::ReportUploadResult(
    uint64_t task_id, const UploadResponse& response) {
  // First, on this thread: the send is over. A revoke waiting on the writer
  // thread for this send to stop can go on now.
  if (std::shared_ptr<upload_internal::Ticket> ticket =
          core_->uploads()->FindTicket(task_id)) {
    ticket->Finish();
  }
  if (closing_.load()) return absl::FailedPreconditionError("client is closed");
  auto result =
      std::make_shared<absl::StatusOr<UploadVerdict>>(UploadVerdict::kDiscarded);
  auto copy = std::make_shared<UploadResponse>(response);
  TELEGATE_RETURN_IF_ERROR(RunOnWriter(
      [result, copy, task_id](Core& core) {
        *result = core.uploads()->OnResponse(task_id, *copy);
        return result->status();
      },
      options_.control_timeout));
  return std::move(*result);
}

}  // namespace telegate::client_internal
