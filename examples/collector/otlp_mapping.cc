#include "otlp_mapping.h"

#include <cstdint>
#include <string>

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace telegate::collector {

namespace {

namespace otlp_common = ::opentelemetry::proto::common::v1;
namespace otlp_logs = ::opentelemetry::proto::logs::v1;
using ::opentelemetry::proto::collector::logs::v1::ExportLogsServiceRequest;

otlp_common::AnyValue* Add(
    google::protobuf::RepeatedPtrField<otlp_common::KeyValue>* attributes,
    const std::string& key) {
  otlp_common::KeyValue* kv = attributes->Add();
  kv->set_key(key);
  return kv->mutable_value();
}

uint64_t UnixNanos(int64_t ms) {
  return ms > 0 ? static_cast<uint64_t>(ms) * 1000000u : 0;
}

void DescribeBatch(const proto::BatchHeader& header,
                   otlp_logs::ResourceLogs* resource_logs) {
  auto* attributes = resource_logs->mutable_resource()->mutable_attributes();
  // OpenTelemetry's semantic conventions where one fits, telegate.* for
  // the rest.
  if (!header.app_id().empty()) {
    Add(attributes, "service.name")->set_string_value(header.app_id());
  }
  Add(attributes, "telemetry.sdk.name")->set_string_value("telegate");
  if (!header.sdk_version().empty()) {
    Add(attributes, "telemetry.sdk.version")
        ->set_string_value(header.sdk_version());
  }
  Add(attributes, "telegate.region")->set_string_value(header.region());
  Add(attributes, "telegate.policy_version")
      ->set_string_value(absl::StrCat(header.policy_version_major(), ".",
                                      header.policy_version_minor()));
  Add(attributes, "telegate.partner")->set_bool_value(header.partner());
}

void AddEvent(const proto::Event& event, const std::string& batch_id_hex,
              uint64_t observed, otlp_logs::LogRecord* record) {
  record->set_time_unix_nano(UnixNanos(event.capture_time_ms()));
  record->set_observed_time_unix_nano(observed);
  record->set_event_name(event.name());
  record->mutable_body()->set_string_value(event.name());
  auto* attributes = record->mutable_attributes();
  for (const proto::Attribute& a : event.attributes()) {
    if (absl::StartsWith(a.key(), "telegate.")) {
      record->set_dropped_attributes_count(record->dropped_attributes_count() +
                                           1);
      continue;
    }
    otlp_common::AnyValue* value = Add(attributes, a.key());
    switch (a.value_case()) {
      case proto::Attribute::kStringValue:
        value->set_string_value(a.string_value());
        break;
      case proto::Attribute::kIntValue:
        value->set_int_value(a.int_value());
        break;
      case proto::Attribute::kDoubleValue:
        value->set_double_value(a.double_value());
        break;
      case proto::Attribute::kBoolValue:
        value->set_bool_value(a.bool_value());
        break;
      case proto::Attribute::VALUE_NOT_SET:
        break;  // OTLP's empty value
    }
  }
  Add(attributes, kCategoryKey)->set_string_value(event.category());
  Add(attributes, kEventIdKey)
      ->set_string_value(absl::BytesToHexString(event.id()));
  Add(attributes, kBatchIdKey)->set_string_value(batch_id_hex);
}

void AddDeletionRequest(const proto::DeletionRequest& request,
                        const std::string& batch_id_hex, uint64_t observed,
                        otlp_logs::LogRecord* record) {
  record->set_time_unix_nano(UnixNanos(request.requested_ms()));
  record->set_observed_time_unix_nano(observed);
  record->set_event_name(kDeletionRequestRecordName);
  record->mutable_body()->set_string_value(kDeletionRequestRecordName);
  auto* attributes = record->mutable_attributes();
  otlp_common::ArrayValue* ids =
      Add(attributes, kInstallIdsKey)->mutable_array_value();
  for (const std::string& id : request.install_ids()) {
    ids->add_values()->set_string_value(id);
  }
  Add(attributes, kBatchIdKey)->set_string_value(batch_id_hex);
}

}  // namespace

ExportLogsServiceRequest BuildLogsRequest(
    const proto::BatchHeader& header,
    const std::vector<const proto::Event*>& events,
    const proto::DeletionRequest* deletion_request, absl::Time received) {
  ExportLogsServiceRequest request;
  otlp_logs::ResourceLogs* resource_logs = request.add_resource_logs();
  DescribeBatch(header, resource_logs);
  otlp_logs::ScopeLogs* scope_logs = resource_logs->add_scope_logs();
  scope_logs->mutable_scope()->set_name(kOtlpScopeName);
  scope_logs->mutable_scope()->set_version(header.sdk_version());
  const uint64_t observed = static_cast<uint64_t>(absl::ToUnixNanos(received));
  const std::string batch_id_hex = absl::BytesToHexString(header.batch_id());
  scope_logs->mutable_log_records()->Reserve(static_cast<int>(events.size()) +
                                             1);
  for (const proto::Event* event : events) {
    AddEvent(*event, batch_id_hex, observed, scope_logs->add_log_records());
  }
  if (deletion_request != nullptr) {
    AddDeletionRequest(*deletion_request, batch_id_hex, observed,
                       scope_logs->add_log_records());
  }
  return request;
}

}  // namespace telegate::collector
