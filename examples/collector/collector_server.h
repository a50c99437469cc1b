// CollectorServer: a small HTTP collector on a loopback port — the far end
// of an upload, for the demo and the tests.
//
// POST <path> with an UploadBody: the batch is decoded (BatchDecoder),
// events it has not seen before (by event id: deliveries are at least once)
// are kept and appended to the output file as JSON lines (the
// telegate-inspect format), and the answer is 200 with a BatchAck naming the
// batch. A body that does not decode is answered 400 with the reason.
//
// Forwarding (forward_otlp_url): the new events, and a deletion request, go
// to an OpenTelemetry OTLP/HTTP logs endpoint first (otlp_mapping.h), and the
// batch is acknowledged only once that endpoint accepted every record
// (otlp_exporter.h); otherwise the answer is 503 and nothing is remembered,
// so the device keeps the events and sends them again. At most
// max_forwards forwards run at once; a request that finds none free within
// forward_wait is answered 503 ("busy") at once: a slow pipeline slows the
// devices down instead of filling a queue. Only events the pipeline
// accepted enter the de-duplication window, which is bounded
// (dedup_window.h).
//
// For tests it can be told to misbehave: answer every Nth request 503
// without storing it, or store every Nth batch and then drop the
// connection instead of answering (the acknowledgement is lost), or hold
// every request until released.
//
//   CollectorOptions options;
//   options.output_path = dir + "/events.jsonl";
//   auto server = CollectorServer::Start(options);
//   client->SetEndpoints({{(*server)->url(), "CN"}});
#ifndef TELEGATE_EXAMPLES_COLLECTOR_COLLECTOR_SERVER_H_
#define TELEGATE_EXAMPLES_COLLECTOR_COLLECTOR_SERVER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "batch_decoder.h"
#include "telegate/event.pb.h"

namespace telegate::collector {

struct CollectorOptions {
  std::string host = "127.0.0.1";
  int port = 0;  // 0: any free port
  std::string path = "/v1/batches";
  // JSON lines of the events kept, appended, and one line per deletion
  // request: {"deletion_request":{"install_ids":[...],"requested_ms":N}}.
  // The file is made owner-only (0600) whatever the umask, and is never
  // written through a symbolic link. Empty: memory only.
  std::string output_path;
  // Every Nth request (counting from 1) is answered 503; 0: never.
  int fail_every = 0;
  // Every Nth request is stored, then its connection dropped before the
  // answer's body; 0: never.
  int drop_every = 0;
  DecodeLimits limits;
  // Event ids remembered to drop re-deliveries (see DedupWindow: at least
  // half of them, at most all).
  size_t dedup_window = 1000000;
  // Keep every accepted event and batch in memory for events() and
  // batches() (the tests); telegate-collector turns this off.
  bool keep_received = true;

  // An OpenTelemetry OTLP/HTTP logs endpoint to forward to, e.g.
  // http://127.0.0.1:4318/v1/logs; empty: no forwarding.
  std::string forward_otlp_url;
  // Forwards at once (each with its own connection to the endpoint).
  int max_forwards = 4;
  // How long a request may wait for a free forward before it is answered
  // 503.
  absl::Duration forward_wait = absl::Milliseconds(200);
  absl::Duration forward_connect_timeout = absl::Seconds(2);
  // For sending a forward, and again for its answer.
  absl::Duration forward_timeout = absl::Seconds(10);
};

struct CollectorStats {
  int64_t requests = 0;
  int64_t batches_accepted = 0;   // decoded and acknowledged (or dropped)
  int64_t batches_refused = 0;    // answered 400
  int64_t failed = 0;             // answered 503 on purpose
  int64_t dropped = 0;            // connection dropped on purpose
  int64_t events = 0;             // distinct events kept
  int64_t duplicates = 0;         // events received again
  int64_t deletion_requests = 0;  // deletion requests acknowledged
  int64_t output_errors = 0;      // appends to the output file that failed
  // With forwarding:
  int64_t forwards = 0;          // OTLP requests the endpoint accepted
  int64_t forwarded = 0;         // events in them
  int64_t forward_failures = 0;  // not accepted: answered 503
  int64_t busy = 0;              // no free forward in time: answered 503
};

// One accepted batch, as received.
struct ReceivedBatch {
  proto::BatchHeader header;
  std::vector<proto::Event> events;
  size_t body_bytes = 0;
};

// Thread-safe.
class CollectorServer {
 public:
  // Binds, starts the listening thread and returns once it accepts
  // connections (so a Stop that follows at once is never lost).
  static absl::StatusOr<std::unique_ptr<CollectorServer>> Start(
      const CollectorOptions& options);
  // Stops (Stop()).
  ~CollectorServer();

  // Stops listening and joins the server thread. Idempotent.
  void Stop();
  // True between Start and Stop: the listening thread accepts connections.
  bool running() const;

  int port() const;
  // http://<host>:<port><path>
  std::string url() const;

  // Failure injection, changeable while running.
  void SetFailEvery(int n);
  void SetDropEvery(int n);
  // While held, requests wait (after being read) until Release().
  void Hold();
  void Release();
  // Requests currently waiting in Hold.
  int held() const;

  CollectorStats stats() const;
  // Distinct events kept, in arrival order.
  std::vector<proto::Event> events() const;
  std::vector<ReceivedBatch> batches() const;
  // Install ids that deletion requests retired, in arrival order.
  std::vector<std::string> retired_install_ids() const;
  // The last refusal's reason (400 body).
  std::string last_error() const;
  // Why the last forward was not accepted (empty if none failed).
  std::string last_forward_error() const;

 private:
  struct State;
  explicit CollectorServer(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace telegate::collector

#endif  // TELEGATE_EXAMPLES_COLLECTOR_COLLECTOR_SERVER_H_
