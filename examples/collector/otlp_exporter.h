// OtlpExporter: one connection to an OpenTelemetry OTLP/HTTP logs endpoint
// (an OpenTelemetry Collector's otlp receiver, e.g.
// http://127.0.0.1:4318/v1/logs), and the rule for what counts as the
// pipeline having accepted a request.
//
// Export POSTs the request as binary protobuf (Content-Type
// application/x-protobuf) and answers OK only for a 2xx whose body is an
// ExportLogsServiceResponse rejecting no record. Everything else — no
// connection, a timeout, a 3xx/4xx/5xx, a 2xx that is not an OTLP answer, a
// partial_success with rejected_log_records > 0 — is not accepted, and the
// status says why.
//
//   auto exporter = OtlpExporter::Create({"http://127.0.0.1:4318/v1/logs"});
//   absl::Status accepted = (*exporter)->Export(request);
#ifndef TELEGATE_EXAMPLES_COLLECTOR_OTLP_EXPORTER_H_
#define TELEGATE_EXAMPLES_COLLECTOR_OTLP_EXPORTER_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "opentelemetry/proto/collector/logs/v1/logs_service.pb.h"

namespace httplib {
class Client;
}  // namespace httplib

namespace telegate::collector {

struct OtlpExporterOptions {
  // http://host[:port][/path]; the path defaults to /v1/logs. Plain http
  // only: run an OpenTelemetry Collector beside this one (loopback or a
  // private network) and let it speak TLS onwards.
  std::string url;
  absl::Duration connect_timeout = absl::Seconds(2);
  // For sending the request, and again for waiting for the answer.
  absl::Duration timeout = absl::Seconds(10);
};

// The parts of an endpoint URL.
struct OtlpEndpoint {
  std::string host;
  int port = 80;
  std::string path;
};

// kInvalidArgument, naming the problem, for a URL Create would refuse.
absl::StatusOr<OtlpEndpoint> ParseOtlpUrl(const std::string& url);

// Thread-compatible: one request at a time on its one (kept-alive)
// connection; use one exporter per concurrent forward.
class OtlpExporter {
 public:
  // kInvalidArgument for a bad URL (ParseOtlpUrl). Connects lazily.
  static absl::StatusOr<std::unique_ptr<OtlpExporter>> Create(
      const OtlpExporterOptions& options);
  ~OtlpExporter();
  OtlpExporter(const OtlpExporter&) = delete;
  OtlpExporter& operator=(const OtlpExporter&) = delete;

  // Sends `request` and waits for the answer (at most options.timeout).
  // OK: the endpoint accepted every record. kUnavailable: no answer, a
  // timeout, 408/429/5xx, or a 2xx that is not an OTLP answer;
  // kFailedPrecondition: a partial success rejecting records, or any other
  // status (the endpoint refused the request). Never accepted either way.
  absl::Status Export(
      const opentelemetry::proto::collector::logs::v1::ExportLogsServiceRequest&
          request);

  const OtlpEndpoint& endpoint() const { return endpoint_; }

 private:
  OtlpExporter(OtlpEndpoint endpoint, std::unique_ptr<httplib::Client> client);

  OtlpEndpoint endpoint_;
  std::unique_ptr<httplib::Client> client_;
};

}  // namespace telegate::collector

#endif  // TELEGATE_EXAMPLES_COLLECTOR_OTLP_EXPORTER_H_
