// DemoSession's upload commands: endpoint, crossborder, upload (and the
// upload half of flush), over the desktop libcurl transport.
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "demo_session.h"
#include "telegate/upload_driver.h"

namespace telegate::demo {

namespace {

constexpr absl::Duration kUploadTimeout = absl::Seconds(30);
constexpr absl::Duration kFlushTimeout = absl::Seconds(10);

std::string UploadError(const absl::Status& status) {
  std::string message(status.message());
  if (message.empty()) message = absl::StatusCodeToString(status.code());
  return absl::StrCat("error: ", message);
}

}  // namespace

std::string DemoSession::EndpointCommand(const std::vector<std::string>& words) {
  static constexpr char kUsage[] =
      "error: usage: endpoint <url> [region=CC] [partner]";
  if (words.size() < 2 || words.size() > 4) return kUsage;
  Endpoint endpoint;
  endpoint.url = words[1];
  endpoint.region = "CN";
  for (size_t i = 2; i < words.size(); ++i) {
    if (absl::StartsWith(words[i], "region=")) {
      endpoint.region = words[i].substr(7);
    } else if (words[i] == "partner") {
      endpoint.partner = true;
    } else {
      return kUsage;
    }
  }
  absl::Status valid = ValidateEndpoint(endpoint);
  if (!valid.ok()) return UploadError(valid);
  std::vector<Endpoint> next;
  for (const Endpoint& e : endpoints_) {
    if (e.url != endpoint.url) next.push_back(e);
  }
  next.push_back(endpoint);
  absl::Status status = client_->SetEndpoints(next);
  if (!status.ok()) return UploadError(status);
  endpoints_ = std::move(next);
  return absl::StrCat("ok endpoint ", endpoint.url, " region=", endpoint.region,
                      endpoint.partner ? " partner" : "",
                      " endpoints=", endpoints_.size());
}

std::string DemoSession::CrossBorder(const std::vector<std::string>& words) {
  if (words.size() != 4 || (words[3] != "on" && words[3] != "off")) {
    return "error: usage: crossborder <category> <REGION> on|off";
  }
  absl::Status status =
      client_->SetCrossBorderConsent(words[1], words[2], words[3] == "on");
  if (!status.ok()) return UploadError(status);
  return absl::StrCat("ok crossborder ", words[1], " ", words[2], " ", words[3]);
}

std::string DemoSession::Upload() {
  if (endpoints_.empty()) {
    return "error: no endpoint (use: endpoint <url> [region=CC] [partner])";
  }
  absl::Status flushed = client_->Flush(kFlushTimeout);
  if (!flushed.ok()) return UploadError(flushed);
  absl::StatusOr<std::string> uploaded = RunUploadsForDemo();
  if (!uploaded.ok()) return UploadError(uploaded.status());
  return absl::StrCat("ok upload", *uploaded);
}

absl::StatusOr<std::string> DemoSession::RunUploadsForDemo() {
  if (transport_ == nullptr) {
    absl::StatusOr<std::unique_ptr<desktop::CurlTransport>> transport =
        desktop::CurlTransport::Create({});
    if (!transport.ok()) return transport.status();
    transport_ = *std::move(transport);
  }
  absl::StatusOr<UploadRunResult> run =
      RunUploads(*client_, *transport_, kUploadTimeout);
  if (!run.ok()) return run.status();
  std::string out = absl::StrCat(" uploaded=", run->events_acknowledged,
                                 " batches=", run->batches_acknowledged);
  if (run->batches_retry > 0) absl::StrAppend(&out, " retry=", run->batches_retry);
  if (run->batches_rejected > 0) {
    absl::StrAppend(&out, " rejected=", run->batches_rejected);
  }
  if (run->batches_cancelled > 0) {
    absl::StrAppend(&out, " cancelled=", run->batches_cancelled);
  }
  if (run->wait) {
    absl::StrAppend(&out, " wait=", absl::ToInt64Milliseconds(*run->wait), "ms");
  }
  int64_t left = 0;
  for (const CategoryStatus& s : client_->GetCategoryStatus()) {
    left += s.buffered_events;
  }
  absl::StrAppend(&out, " buffered=", left);
  return out;
}

}  // namespace telegate::demo
