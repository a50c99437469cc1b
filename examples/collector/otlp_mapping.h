// OTLP mapping: how a Telegate batch becomes OpenTelemetry log records — the
// request the collector forwards to an OTLP/HTTP logs endpoint.
//
// One ResourceLogs per batch; its resource says what the batch header says
// (app id, region, policy version, SDK version — never an install id), one
// ScopeLogs with scope "telegate", and one LogRecord per event:
//
//   time_unix_nano           the capture time
//   observed_time_unix_nano  when the collector received the batch
//   event_name, body         the event's name (body as a string)
//   attributes               the event's attributes, typed as they are
//                            (string, int, double, bool), then
//                            telegate.category, telegate.event_id (hex),
//                            telegate.batch_id (hex)
//
// A deletion request becomes one record named telegate.deletion_request
// carrying the install ids (an array of strings), so a downstream processor
// can act on it. The README has the full table.
//
//   auto request = BuildLogsRequest(batch.header, fresh, nullptr, absl::Now());
#ifndef TELEGATE_EXAMPLES_COLLECTOR_OTLP_MAPPING_H_
#define TELEGATE_EXAMPLES_COLLECTOR_OTLP_MAPPING_H_

#include <vector>

#include "absl/time/time.h"
#include "opentelemetry/proto/collector/logs/v1/logs_service.pb.h"
#include "telegate/batch.pb.h"
#include "telegate/event.pb.h"

namespace telegate::collector {

inline constexpr char kOtlpScopeName[] = "telegate";
inline constexpr char kDeletionRequestRecordName[] =
    "telegate.deletion_request";
// Attribute keys the mapping adds. An event attribute whose key starts with
// "telegate." (the catalog allows no dots in keys, so only a forged body has
// one) is left out and counted in the record's dropped_attributes_count.
inline constexpr char kCategoryKey[] = "telegate.category";
inline constexpr char kEventIdKey[] = "telegate.event_id";
inline constexpr char kBatchIdKey[] = "telegate.batch_id";
inline constexpr char kInstallIdsKey[] = "telegate.install_ids";

// The request for `events` (borrowed, each from the batch with `header`)
// and, if not null, the batch's `deletion_request`, received at `received`.
// Pure: no I/O.
opentelemetry::proto::collector::logs::v1::ExportLogsServiceRequest
BuildLogsRequest(const proto::BatchHeader& header,
                 const std::vector<const proto::Event*>& events,
                 const proto::DeletionRequest* deletion_request,
                 absl::Time received);

}  // namespace telegate::collector

#endif  // TELEGATE_EXAMPLES_COLLECTOR_OTLP_MAPPING_H_
