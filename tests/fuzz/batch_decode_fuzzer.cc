// Fuzz target: the collector's batch decoder (examples/collector), which
// takes every POSTed body off the network: the UploadBody protobuf, zstd
// frames with the shipped dictionary, without one or naming another, and
// deletion requests. Checks that a refusal is kInvalidArgument with a
// reason, that an accepted body keeps every limit and agrees with its own
// header, and that its OTLP mapping (what the collector forwards) encodes
// and decodes with one record per event (and one for a deletion request).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "batch_decoder.h"
#include "fuzz_check.h"
#include "otlp_mapping.h"

namespace {

telegate::collector::DecodeLimits Limits() {
  telegate::collector::DecodeLimits limits;
  limits.max_body_bytes = 1 << 20;
  limits.max_uncompressed_bytes = 4 << 20;
  limits.max_events = 10000;
  return limits;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const telegate::collector::DecodeLimits limits = Limits();
  static const telegate::collector::BatchDecoder* decoder =
      new telegate::collector::BatchDecoder(limits);
  absl::StatusOr<telegate::collector::DecodedBatch> batch = decoder->Decode(
      absl::string_view(reinterpret_cast<const char*>(data), size));
  if (!batch.ok()) {
    FUZZ_CHECK(batch.status().code() == absl::StatusCode::kInvalidArgument);
    FUZZ_CHECK(!batch.status().message().empty());
    return 0;
  }
  FUZZ_CHECK(size <= limits.max_body_bytes);
  FUZZ_CHECK(batch->header.batch_id().size() == 16);
  FUZZ_CHECK(batch->header.uncompressed_size() <=
             limits.max_uncompressed_bytes);
  FUZZ_CHECK(batch->events.size() <= limits.max_events);
  FUZZ_CHECK(batch->events.size() == batch->header.event_count());
  FUZZ_CHECK(batch->header.region().size() <= 256);
  FUZZ_CHECK(batch->header.app_id().size() <= 256);
  FUZZ_CHECK(batch->header.sdk_version().size() <= 256);
  for (const telegate::proto::Event& e : batch->events) {
    FUZZ_CHECK(e.id().size() == 16);
    FUZZ_CHECK(!e.category().empty() && !e.name().empty());
  }
  if (batch->deletion_request) {
    FUZZ_CHECK(batch->events.empty());
    FUZZ_CHECK(batch->deletion_request->install_ids_size() >= 1);
    for (const std::string& id : batch->deletion_request->install_ids()) {
      FUZZ_CHECK(!id.empty() && id.size() <= 64);
    }
  }
  std::vector<const telegate::proto::Event*> events;
  for (const telegate::proto::Event& e : batch->events) events.push_back(&e);
  const auto request = telegate::collector::BuildLogsRequest(
      batch->header, events,
      batch->deletion_request ? &*batch->deletion_request : nullptr,
      absl::FromUnixSeconds(1700000000));
  opentelemetry::proto::collector::logs::v1::ExportLogsServiceRequest decoded;
  FUZZ_CHECK(decoded.ParseFromString(request.SerializeAsString()));
  FUZZ_CHECK(decoded.resource_logs_size() == 1);
  FUZZ_CHECK(decoded.resource_logs(0).scope_logs_size() == 1);
  FUZZ_CHECK(static_cast<size_t>(
                 decoded.resource_logs(0).scope_logs(0).log_records_size()) ==
             events.size() + (batch->deletion_request ? 1 : 0));
  return 0;
}
