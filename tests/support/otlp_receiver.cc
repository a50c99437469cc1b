#include "support/otlp_receiver.h"

#include <httplib.h>

#include <chrono>
#include <utility>

#include "absl/strings/str_cat.h"

namespace telegate::testing {

namespace {

using ::opentelemetry::proto::collector::logs::v1::ExportLogsServiceResponse;

std::vector<OtlpLogRecord> Flatten(const std::vector<OtlpRequest>& requests) {
  std::vector<OtlpLogRecord> records;
  for (const OtlpRequest& request : requests) {
    for (const auto& resource_logs : request.resource_logs()) {
      for (const auto& scope_logs : resource_logs.scope_logs()) {
        for (const OtlpLogRecord& r : scope_logs.log_records()) {
          records.push_back(r);
        }
      }
    }
  }
  return records;
}

}  // namespace

absl::StatusOr<std::unique_ptr<OtlpReceiver>> OtlpReceiver::Start(int port) {
  std::unique_ptr<OtlpReceiver> receiver(new OtlpReceiver());
  receiver->port_ = port;
  absl::Status listening = receiver->Listen();
  if (!listening.ok()) return listening;
  return receiver;
}

OtlpReceiver::~OtlpReceiver() { Stop(); }

absl::Status OtlpReceiver::Listen() {
  server_ = std::make_unique<httplib::Server>();
  // Stop() waits for idle kept-alive connections to time out: keep it short.
  server_->set_keep_alive_timeout(1);
  server_->set_tcp_nodelay(true);
  server_->Post("/v1/logs", [this](const httplib::Request& request,
                                   httplib::Response& response) {
    int status = 200;
    std::string answer;
    std::string content_type;
    Handle(request.body, &status, &answer, &content_type);
    response.status = status;
    response.set_content(answer, content_type.c_str());
  });
  if (port_ == 0) {
    port_ = server_->bind_to_any_port("127.0.0.1");
  } else if (!server_->bind_to_port("127.0.0.1", port_)) {
    return absl::UnavailableError(absl::StrCat("cannot listen on ", port_));
  }
  if (port_ <= 0) return absl::UnavailableError("cannot listen");
  httplib::Server* server = server_.get();
  thread_ = std::thread([server] { server->listen_after_bind(); });
  // stop() is lost if it runs before listen_after_bind() set its running
  // flag (cpp-httplib 0.11): hand the server out only once it runs.
  for (int i = 0; i < 100000 && !server_->is_running(); ++i) {
    std::this_thread::sleep_for(std::chrono::microseconds(100));
  }
  if (!server_->is_running()) return absl::UnavailableError("did not start");
  return absl::OkStatus();
}

void OtlpReceiver::Stop() {
  Release();
  if (server_) server_->stop();
  if (thread_.joinable()) thread_.join();
  server_.reset();
}

absl::Status OtlpReceiver::Restart() {
  Stop();
  return Listen();
}

std::string OtlpReceiver::url() const {
  return absl::StrCat("http://127.0.0.1:", port_, "/v1/logs");
}

void OtlpReceiver::Handle(const std::string& body, int* status,
                          std::string* answer, std::string* content_type) {
  OtlpRequest request;
  const bool decoded = request.ParseFromString(body);
  std::unique_lock<std::mutex> lock(mu_);
  ++requests_;
  if (keep_) bodies_.push_back(body);
  if (!decoded) {
    *status = 400;
    *answer = "not an ExportLogsServiceRequest";
    *content_type = "text/plain";
    return;
  }
  if (keep_) received_.push_back(request);
  ++held_;
  cv_.wait(lock, [this] { return !hold_; });
  --held_;
  Answer how = answer_;
  if (every_ > 0) how = ++counted_ % every_ == 0 ? answer_ : Answer::kAccept;
  *content_type = "application/x-protobuf";
  ExportLogsServiceResponse response;
  switch (how) {
    case Answer::kAccept:
      for (const auto& resource_logs : request.resource_logs()) {
        for (const auto& scope_logs : resource_logs.scope_logs()) {
          accepted_record_count_ += scope_logs.log_records_size();
        }
      }
      if (keep_) accepted_.push_back(std::move(request));
      *answer = response.SerializeAsString();
      return;
    case Answer::kPartialSuccess:
      response.mutable_partial_success()->set_rejected_log_records(1);
      response.mutable_partial_success()->set_error_message(
          "one record rejected (test)");
      *answer = response.SerializeAsString();
      return;
    case Answer::kUnavailable:
      *status = 503;
      *answer = "unavailable (test)";
      *content_type = "text/plain";
      return;
    case Answer::kBadRequest:
      *status = 400;
      *answer = "bad request (test)";
      *content_type = "text/plain";
      return;
    case Answer::kNotOtlp:
      *answer = "<html><body>Please log in to the Wi-Fi</body></html>";
      *content_type = "text/html";
      return;
  }
}

void OtlpReceiver::SetAnswer(Answer answer) {
  std::lock_guard<std::mutex> lock(mu_);
  answer_ = answer;
  every_ = 0;
}

void OtlpReceiver::SetAnswerEvery(int n, Answer answer) {
  std::lock_guard<std::mutex> lock(mu_);
  answer_ = answer;
  every_ = n;
  counted_ = 0;
}

void OtlpReceiver::Hold() {
  std::lock_guard<std::mutex> lock(mu_);
  hold_ = true;
}

void OtlpReceiver::Release() {
  std::lock_guard<std::mutex> lock(mu_);
  hold_ = false;
  cv_.notify_all();
}

int OtlpReceiver::held() const {
  std::lock_guard<std::mutex> lock(mu_);
  return held_;
}

void OtlpReceiver::set_keep(bool keep) {
  std::lock_guard<std::mutex> lock(mu_);
  keep_ = keep;
}

int64_t OtlpReceiver::accepted_record_count() const {
  std::lock_guard<std::mutex> lock(mu_);
  return accepted_record_count_;
}

int OtlpReceiver::requests() const {
  std::lock_guard<std::mutex> lock(mu_);
  return requests_;
}

std::vector<OtlpRequest> OtlpReceiver::received() const {
  std::lock_guard<std::mutex> lock(mu_);
  return received_;
}

std::vector<OtlpRequest> OtlpReceiver::accepted() const {
  std::lock_guard<std::mutex> lock(mu_);
  return accepted_;
}

std::vector<OtlpLogRecord> OtlpReceiver::ReceivedRecords() const {
  return Flatten(received());
}

std::vector<OtlpLogRecord> OtlpReceiver::AcceptedRecords() const {
  return Flatten(accepted());
}

std::vector<std::string> OtlpReceiver::bodies() const {
  std::lock_guard<std::mutex> lock(mu_);
  return bodies_;
}

const OtlpAnyValue* FindAttribute(const OtlpKeyValues& attributes,
                                  absl::string_view key) {
  for (const auto& kv : attributes) {
    if (kv.key() == key) return &kv.value();
  }
  return nullptr;
}

std::string StringAttribute(const OtlpLogRecord& record,
                            absl::string_view key) {
  const OtlpAnyValue* value = FindAttribute(record.attributes(), key);
  return value != nullptr && value->has_string_value() ? value->string_value()
                                                       : "";
}

}  // namespace telegate::testing
