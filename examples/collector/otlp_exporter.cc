#include "otlp_exporter.h"

#include <httplib.h>

#include <chrono>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace telegate::collector {

namespace {

using ::opentelemetry::proto::collector::logs::v1::ExportLogsServiceRequest;
using ::opentelemetry::proto::collector::logs::v1::ExportLogsServiceResponse;

constexpr char kDefaultPath[] = "/v1/logs";
constexpr size_t kMaxQuotedBody = 200;

absl::Status BadUrl(const std::string& url, absl::string_view why) {
  return absl::InvalidArgumentError(
      absl::StrCat("bad OTLP endpoint URL \"", url, "\": ", why));
}

std::chrono::microseconds Micros(absl::Duration d) {
  return std::chrono::microseconds(absl::ToInt64Microseconds(d));
}

}  // namespace

absl::StatusOr<OtlpEndpoint> ParseOtlpUrl(const std::string& url) {
  constexpr absl::string_view kScheme = "http://";
  if (absl::StartsWithIgnoreCase(url, "https://")) {
    return BadUrl(url,
                  "only http:// (let an OpenTelemetry Collector beside this "
                  "one speak TLS onwards)");
  }
  if (!absl::StartsWithIgnoreCase(url, kScheme)) {
    return BadUrl(url, "it must start with http://");
  }
  absl::string_view rest = absl::string_view(url).substr(kScheme.size());
  size_t slash = rest.find('/');
  absl::string_view authority = rest.substr(0, slash);
  OtlpEndpoint endpoint;
  endpoint.path = slash == absl::string_view::npos
                      ? std::string(kDefaultPath)
                      : std::string(rest.substr(slash));
  absl::string_view port;
  if (absl::StartsWith(authority, "[")) {  // [IPv6]:port
    size_t close = authority.find(']');
    if (close == absl::string_view::npos) return BadUrl(url, "unclosed [");
    endpoint.host = std::string(authority.substr(1, close - 1));
    absl::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after[0] != ':') return BadUrl(url, "junk after ]");
      port = after.substr(1);
    }
  } else {
    size_t colon = authority.find(':');
    endpoint.host = std::string(authority.substr(0, colon));
    if (colon != absl::string_view::npos) port = authority.substr(colon + 1);
  }
  if (endpoint.host.empty()) return BadUrl(url, "no host");
  if (absl::StrContains(authority, "@")) {
    return BadUrl(url, "user info is not supported");
  }
  if (!port.empty() && (!absl::SimpleAtoi(port, &endpoint.port) ||
                        endpoint.port < 1 || endpoint.port > 65535)) {
    return BadUrl(url, "the port must be a number from 1 to 65535");
  }
  return endpoint;
}

OtlpExporter::OtlpExporter(OtlpEndpoint endpoint,
                           std::unique_ptr<httplib::Client> client)
    : endpoint_(std::move(endpoint)), client_(std::move(client)) {}

OtlpExporter::~OtlpExporter() = default;

absl::StatusOr<std::unique_ptr<OtlpExporter>> OtlpExporter::Create(
    const OtlpExporterOptions& options) {
  absl::StatusOr<OtlpEndpoint> endpoint = ParseOtlpUrl(options.url);
  if (!endpoint.ok()) return endpoint.status();
  auto client =
      std::make_unique<httplib::Client>(endpoint->host, endpoint->port);
  client->set_keep_alive(true);
  // The request goes out in two writes (headers, body): without this, Nagle
  // and the receiver's delayed ACK add tens of milliseconds to each forward.
  client->set_tcp_nodelay(true);
  client->set_follow_location(false);
  client->set_connection_timeout(Micros(options.connect_timeout));
  client->set_read_timeout(Micros(options.timeout));
  client->set_write_timeout(Micros(options.timeout));
  return std::unique_ptr<OtlpExporter>(
      new OtlpExporter(*std::move(endpoint), std::move(client)));
}

absl::Status OtlpExporter::Export(const ExportLogsServiceRequest& request) {
  std::string body = request.SerializeAsString();
  httplib::Result result =
      client_->Post(endpoint_.path, body, "application/x-protobuf");
  if (!result) {
    return absl::UnavailableError(
        absl::StrCat("no answer from the OTLP endpoint (",
                     httplib::to_string(result.error()), ")"));
  }
  const int status = result->status;
  if (status >= 200 && status < 300) {
    std::string type =
        absl::AsciiStrToLower(result->get_header_value("Content-Type"));
    ExportLogsServiceResponse answer;
    if ((!type.empty() && !absl::StrContains(type, "protobuf")) ||
        !answer.ParseFromString(result->body)) {
      return absl::UnavailableError(
          absl::StrCat("the OTLP endpoint answered ", status,
                       " without an ExportLogsServiceResponse"));
    }
    const int64_t rejected = answer.partial_success().rejected_log_records();
    if (rejected > 0) {
      return absl::FailedPreconditionError(absl::StrCat(
          "the OTLP endpoint rejected ", rejected,
          " log records: ", answer.partial_success().error_message()));
    }
    return absl::OkStatus();
  }
  std::string quoted = result->body.substr(0, kMaxQuotedBody);
  if (status == 408 || status == 429 || status >= 500) {
    return absl::UnavailableError(
        absl::StrCat("the OTLP endpoint answered ", status, " ", quoted));
  }
  return absl::FailedPreconditionError(absl::StrCat(
      "the OTLP endpoint refused the request: ", status, " ", quoted));
}

}  // namespace telegate::collector
