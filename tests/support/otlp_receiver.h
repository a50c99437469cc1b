// OtlpReceiver: an OpenTelemetry OTLP/HTTP logs endpoint on loopback for the
// tests — the pipeline the collector forwards to. Every POST to /v1/logs is
// decoded with the generated OTLP classes and kept; how it answers is the
// test's choice (accept, 503, a partial success, 400, a proxy's page), and it
// can hold requests or go down and come back on the same port.
//
//   auto receiver = OtlpReceiver::Start();
//   options.forward_otlp_url = (*receiver)->url();
//   ...
//   for (const LogRecord& r : (*receiver)->AcceptedRecords()) ...
#ifndef TELEGATE_TESTS_SUPPORT_OTLP_RECEIVER_H_
#define TELEGATE_TESTS_SUPPORT_OTLP_RECEIVER_H_

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "opentelemetry/proto/collector/logs/v1/logs_service.pb.h"

namespace httplib {
class Server;
}  // namespace httplib

namespace telegate::testing {

using OtlpRequest =
    ::opentelemetry::proto::collector::logs::v1::ExportLogsServiceRequest;
using OtlpLogRecord = ::opentelemetry::proto::logs::v1::LogRecord;
using OtlpAnyValue = ::opentelemetry::proto::common::v1::AnyValue;
using OtlpKeyValues = ::google::protobuf::RepeatedPtrField<
    ::opentelemetry::proto::common::v1::KeyValue>;

// Thread-safe.
class OtlpReceiver {
 public:
  enum class Answer {
    kAccept,          // 200 with an empty ExportLogsServiceResponse
    kUnavailable,     // 503
    kPartialSuccess,  // 200, partial_success rejecting one record
    kBadRequest,      // 400
    kNotOtlp,         // 200 with an HTML page (a proxy's answer)
  };

  // Listens on 127.0.0.1:`port` (0: a free one); returns once it answers.
  static absl::StatusOr<std::unique_ptr<OtlpReceiver>> Start(int port = 0);
  ~OtlpReceiver();

  // http://127.0.0.1:<port>/v1/logs
  std::string url() const;
  int port() const { return port_; }

  // Down: the port refuses connections until Restart() listens on it again.
  void Stop();
  absl::Status Restart();

  // How every request is answered from now on.
  void SetAnswer(Answer answer);
  // Every Nth request (counting from now, from 1) is answered `answer`,
  // the others kAccept.
  void SetAnswerEvery(int n, Answer answer);
  // While held, requests wait (after being decoded) until Release().
  void Hold();
  void Release();
  int held() const;

  // Off: requests are only counted, not kept (a long benchmark run).
  void set_keep(bool keep);

  int requests() const;
  // Log records in requests answered kAccept (kept or not).
  int64_t accepted_record_count() const;
  // Requests decoded, whatever the answer.
  std::vector<OtlpRequest> received() const;
  // Requests answered kAccept.
  std::vector<OtlpRequest> accepted() const;
  // Every log record of received() / accepted().
  std::vector<OtlpLogRecord> ReceivedRecords() const;
  std::vector<OtlpLogRecord> AcceptedRecords() const;
  // The raw bodies received, for scanning the bytes.
  std::vector<std::string> bodies() const;

 private:
  OtlpReceiver() = default;
  absl::Status Listen();
  void Handle(const std::string& body, int* status, std::string* answer,
              std::string* content_type);

  int port_ = 0;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  Answer answer_ = Answer::kAccept;
  int every_ = 0;
  int counted_ = 0;
  bool hold_ = false;
  int held_ = 0;
  bool keep_ = true;
  int requests_ = 0;
  int64_t accepted_record_count_ = 0;
  std::vector<OtlpRequest> received_;
  std::vector<OtlpRequest> accepted_;
  std::vector<std::string> bodies_;
};

// The value of attribute `key`, or null.
const OtlpAnyValue* FindAttribute(const OtlpKeyValues& attributes,
                                  absl::string_view key);
// The string value of attribute `key` ("" if absent or not a string).
std::string StringAttribute(const OtlpLogRecord& record, absl::string_view key);

}  // namespace telegate::testing

#endif  // TELEGATE_TESTS_SUPPORT_OTLP_RECEIVER_H_
