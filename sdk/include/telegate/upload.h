// Upload: how buffered events leave the device.
//
// The core decides, the platform sends. The client hands out upload tasks —
// "send this body to this endpoint", "wait this long", "nothing to do" — and
// the host's HTTP stack (OkHttp, URLSession, libcurl on desktop) sends the
// body and reports what came back. An event leaves the buffer only when the
// batch holding it is acknowledged by the collector; a failed batch is
// retried later with exponential backoff (full jitter, capped).
//
//   client->SetEndpoints({{"https://collector.example/v1/batches", "CN"}});
//   for (;;) {
//     absl::StatusOr<telegate::UploadTask> task = client->GetUploadTask();
//     if (!task.ok() || task->kind == telegate::UploadTask::Kind::kDone) break;
//     if (task->kind == telegate::UploadTask::Kind::kWait) {
//       ScheduleRetry(task->wait);
//       break;
//     }
//     if (!task->request.control->BeginSend()) continue;  // cancelled
//     telegate::UploadResponse response = Post(task->request);
//     client->ReportUploadResult(task->request.task_id, response);
//   }
//
// (RunUploads in telegate/upload_driver.h is that loop over a Transport.)
//
// Rules the client applies when it builds a batch:
//   - Residency: a batch for an endpoint holds only categories whose
//     catalog entry allows the endpoint's region ("*" allows any), or for
//     which the user gave an explicit cross-border consent to that region
//     (Client::SetCrossBorderConsent).
//   - Partners: an endpoint marked `partner` (advertising, analytics) never
//     receives an identifying or a sensitive category; identifying
//     attributes and consent epochs are stripped from what it does receive.
//   - Routing: each category's events go to the first endpoint, in the
//     order given, that may receive them; each event is sent to one
//     endpoint.
//   - Revocation: a revoke cancels every handed-out batch that holds the
//     category; a batch built before the revoke is never sent after the
//     revoke returns (its other events are rebuilt into a new batch).
//   - Nothing is uploaded before the first consent or while every category
//     is closed.
#ifndef TELEGATE_UPLOAD_H_
#define TELEGATE_UPLOAD_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "telegate/export.h"

namespace telegate {

// A collector the client may upload to.
struct Endpoint {
  // Where batches are POSTed: an absolute https:// URL. Plain http:// is
  // accepted only to a literal loopback address (for tests and demos): a
  // dotted quad in 127.0.0.0/8 written canonically (four decimal groups,
  // no leading zeros: 127.0.0.2, never 127.1, 127.0.0.08 or 0177.0.0.1) or
  // [::1]. A name is never plaintext-safe, "localhost" included: it would
  // need a lookup. See ParseEndpointUrl for the exact rules.
  std::string url;
  // The country the endpoint stores data in: an ISO 3166 alpha-2 code in
  // upper case, e.g. "CN".
  std::string region;
  // An advertising or analytics partner rather than the app's own service.
  bool partner = false;
};

// Where an acceptable endpoint URL sends a batch, as the client and its
// transports must both read it.
struct EndpointAddress {
  bool https = false;
  // The host as written, in lower case; an IPv6 literal keeps its brackets.
  std::string host;
  // The URL's port, or the scheme's default (443 or 80).
  int port = 0;
  // Plain http only: the literal loopback address to connect to, as
  // inet_pton reads it ("127.0.0.2", "::1"); empty for https. A transport
  // sends a plain-http batch to exactly this address and port: never
  // through a proxy (environment variables included) and never after a
  // name lookup. https endpoints keep the platform's usual proxy and name
  // resolution (the content is encrypted end to end).
  std::string loopback_address;
};

// Parses and checks an endpoint URL; no I/O, no DNS. The rules, strict so
// that every HTTP stack reads the same host out of an accepted URL:
//   - printable ASCII only (no spaces, no control characters, no '\\');
//   - scheme http or https, in any case, followed by "//";
//   - no user information ('@') and no percent-encoding in the authority;
//   - the host is a DNS name (letters, digits, '-', '_', dot-separated
//     non-empty labels, no trailing dot), a canonical dotted quad (exactly
//     four decimal groups 0-255 without leading zeros; a host whose last
//     label is numeric must be one), or a bracketed IPv6 literal without a
//     zone;
//   - an optional port of 1-65535 without leading zeros;
//   - plain http only to 127.0.0.0/8 as a canonical dotted quad, or [::1].
// kInvalidArgument naming the problem otherwise.
TELEGATE_EXPORT absl::StatusOr<EndpointAddress> ParseEndpointUrl(
    absl::string_view url);

// OK if `url` is an acceptable endpoint URL (ParseEndpointUrl);
// kInvalidArgument naming the problem otherwise. No I/O, no DNS.
TELEGATE_EXPORT absl::Status ValidateEndpointUrl(absl::string_view url);
// OK if the URL is acceptable and the region is a two-letter upper-case
// code.
TELEGATE_EXPORT absl::Status ValidateEndpoint(const Endpoint& endpoint);

// Tuning for uploads; part of ClientOptions.
struct UploadOptions {
  // Caps on one batch: events, and bytes of events before compression.
  size_t max_batch_events = 500;
  size_t max_batch_bytes = 512u << 10;
  // Backoff after a failed attempt n (1, 2, ...) to an endpoint: a wait
  // drawn uniformly from [0, min(backoff_cap, backoff_base * 2^(n-1))].
  absl::Duration backoff_base = absl::Seconds(1);
  absl::Duration backoff_cap = absl::Minutes(10);
  // A handed-out task not reported within this time (by the Env clock) is
  // taken back and its events become eligible for a new batch.
  absl::Duration task_lease = absl::Minutes(5);
  // How long a revoke waits for a send in progress to stop before it
  // returns kDeadlineExceeded.
  absl::Duration cancel_timeout = absl::Seconds(5);
  // zstd compression level for batches.
  int compression_level = 3;
};

// Shared between the client and whoever sends one batch. Thread-safe.
class TELEGATE_EXPORT UploadControl {
 public:
  virtual ~UploadControl() = default;
  // Call right before the request's first byte is sent. Returns false if
  // the batch was cancelled (a revoke, or the residency rules changed): do
  // not send it, and do not report it. Returns true at most once.
  virtual bool BeginSend() = 0;
  // True once the client asks to abandon the send. A transport checks it
  // while sending and stops as soon as it turns true.
  virtual bool cancel_requested() const = 0;
  // Registers `wake`, called once when cancellation is requested (at once
  // if it already was), so a transport blocked waiting for the network can
  // notice without delay. It runs on the cancelling thread: it must be
  // quick and must not call into the client. nullptr clears it.
  virtual void SetCancelHandler(std::function<void()> wake) = 0;
};

// One batch to send: POST `body` to `url` with `headers`.
struct UploadRequest {
  // Identifies the task in Client::ReportUploadResult.
  uint64_t task_id = 0;
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  // A serialized telegate.proto.UploadBody (zstd-compressed events).
  std::string body;
  int event_count = 0;
  // Never null in a task from GetUploadTask.
  std::shared_ptr<UploadControl> control;
};

struct UploadTask {
  enum class Kind {
    kUpload,  // send `request`, then report the result
    kWait,    // every endpoint with data is backing off: ask again after `wait`
    kDone,    // nothing to upload now
  };
  Kind kind = Kind::kDone;
  UploadRequest request;
  absl::Duration wait = absl::ZeroDuration();
};

// What the transport got back. The client, not the transport, decides
// what it means.
struct UploadResponse {
  // The HTTP status, or 0 when no complete response arrived (could not
  // connect, timed out, connection dropped, send cancelled).
  int http_status = 0;
  // The response body (transports may stop reading after
  // kMaxUploadResponseBytes).
  std::string body;
  // The transport's description of a failure, for logs.
  std::string error;
};

inline constexpr size_t kMaxUploadResponseBytes = 64u << 10;

// What the client made of a reported result.
enum class UploadVerdict {
  // 2xx carrying the collector's acknowledgement of this batch: its events
  // were deleted from the buffer.
  kAcknowledged,
  // No answer, 408, 425, 429, 5xx, any other non-4xx status, or a 2xx
  // without a valid acknowledgement: the events stay; the endpoint backs
  // off.
  kRetry,
  // Any other 4xx: the collector will never take this batch; its events
  // were dropped and counted (DropCounts::upload_rejected).
  kRejected,
  // The task was cancelled or is unknown: nothing changed.
  kDiscarded,
};

// Returns a stable lower-case name such as "acknowledged".
TELEGATE_EXPORT const char* UploadVerdictName(UploadVerdict verdict);

}  // namespace telegate

#endif  // TELEGATE_UPLOAD_H_
