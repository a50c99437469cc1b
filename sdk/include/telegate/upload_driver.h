// RunUploads: the upload loop over a Transport — ask the client for a task,
// send it, report the result, until there is nothing to do.
//
//   telegate::desktop::CurlTransport transport;
//   absl::StatusOr<telegate::UploadRunResult> run =
//       telegate::RunUploads(*client, transport, absl::Seconds(30));
//   if (run.ok() && run->wait) ScheduleAgainIn(*run->wait);
#ifndef TELEGATE_UPLOAD_DRIVER_H_
#define TELEGATE_UPLOAD_DRIVER_H_

#include <cstdint>
#include <optional>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "telegate/client.h"
#include "telegate/export.h"
#include "telegate/transport.h"

namespace telegate {

// What one RunUploads call did.
struct UploadRunResult {
  int batches_sent = 0;
  int batches_acknowledged = 0;
  int64_t events_acknowledged = 0;
  int batches_retry = 0;     // will be retried after a backoff
  int batches_rejected = 0;  // dropped for good (4xx)
  int batches_cancelled = 0; // cancelled before or while sending
  // Set when the loop stopped because every endpoint with data is backing
  // off: ask again after this long.
  std::optional<absl::Duration> wait;
  // True when the loop stopped because `timeout` ran out.
  bool timed_out = false;
};

// Runs upload tasks of `client` through `transport` on the calling thread
// until the client has nothing to do, asks to wait, or `timeout` (real
// time) has passed; it never sleeps. Blocks while sending. Errors are the
// client's (e.g. kFailedPrecondition after Close).
TELEGATE_EXPORT absl::StatusOr<UploadRunResult> RunUploads(
    Client& client, Transport& transport, absl::Duration timeout);

}  // namespace telegate

#endif  // TELEGATE_UPLOAD_DRIVER_H_
