#include "collector_server.h"

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "dedup_window.h"
#include "otlp_exporter.h"
#include "otlp_mapping.h"
#include "private_file.h"
#include "rights/json_render.h"
#include "telegate/batch.pb.h"
#include "util/json_writer.h"

namespace telegate::collector {

namespace {

// The forwards: one exporter (one connection to the OTLP endpoint) each,
// lent to one request at a time. Thread-safe.
class ForwardPool {
 public:
  absl::Status Init(const CollectorOptions& options) {
    OtlpExporterOptions exporter_options;
    exporter_options.url = options.forward_otlp_url;
    exporter_options.connect_timeout = options.forward_connect_timeout;
    exporter_options.timeout = options.forward_timeout;
    for (int i = 0; i < std::max(options.max_forwards, 1); ++i) {
      absl::StatusOr<std::unique_ptr<OtlpExporter>> exporter =
          OtlpExporter::Create(exporter_options);
      if (!exporter.ok()) return exporter.status();
      free_.push_back(exporter->get());
      all_.push_back(*std::move(exporter));
    }
    return absl::OkStatus();
  }

  // A free exporter, or null if none came free within `wait`.
  OtlpExporter* Acquire(absl::Duration wait) {
    std::unique_lock<std::mutex> lock(mu_);
    if (!cv_.wait_for(lock, absl::ToChronoMicroseconds(wait),
                      [this] { return !free_.empty(); })) {
      return nullptr;
    }
    OtlpExporter* exporter = free_.back();
    free_.pop_back();
    return exporter;
  }

  void Release(OtlpExporter* exporter) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      free_.push_back(exporter);
    }
    cv_.notify_one();
  }

 private:
  std::vector<std::unique_ptr<OtlpExporter>> all_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<OtlpExporter*> free_;
};

// An exporter borrowed from the pool for one request.
class ForwardLease {
 public:
  ForwardLease(ForwardPool* pool, OtlpExporter* exporter)
      : pool_(pool), exporter_(exporter) {}
  ~ForwardLease() {
    if (exporter_ != nullptr) pool_->Release(exporter_);
  }
  ForwardLease(const ForwardLease&) = delete;
  ForwardLease& operator=(const ForwardLease&) = delete;
  OtlpExporter* get() const { return exporter_; }

 private:
  ForwardPool* pool_;
  OtlpExporter* exporter_;
};

}  // namespace

struct CollectorServer::State {
  explicit State(const CollectorOptions& o)
      : options(o), decoder(o.limits), seen(o.dedup_window) {}

  CollectorOptions options;
  BatchDecoder decoder;
  std::unique_ptr<ForwardPool> forwards;  // null: no forwarding
  httplib::Server server;
  std::thread thread;
  std::atomic<bool> listen_returned{false};
  int port = 0;

  mutable std::mutex mu;
  std::condition_variable cv;
  bool hold = false;
  int held = 0;
  int fail_every = 0;
  int drop_every = 0;
  CollectorStats stats;
  DedupWindow seen;  // ids of the events kept (and forwarded)
  std::vector<proto::Event> events;
  std::vector<ReceivedBatch> batches;
  std::vector<std::string> retired_ids;
  std::string last_error;
  std::string last_forward_error;

  void Handle(const httplib::Request& request, httplib::Response& response);
  // The batch's events not seen before (the first of any repeated within
  // the batch), in order.
  std::vector<const proto::Event*> Unseen(const DecodedBatch& batch) const;
  // OK once the OTLP endpoint accepted `unseen` and the deletion request.
  absl::Status Forward(OtlpExporter* exporter, const DecodedBatch& batch,
                       const std::vector<const proto::Event*>& unseen);
  // Keeps the batch: remembers its new events, writes the output lines,
  // counts; returns the acknowledgement.
  proto::BatchAck Keep(DecodedBatch batch, size_t body_bytes, bool drop);
};

void CollectorServer::State::Handle(const httplib::Request& request,
                                    httplib::Response& response) {
  int64_t n;
  bool fail;
  bool drop;
  {
    std::unique_lock<std::mutex> lock(mu);
    n = ++stats.requests;
    fail = fail_every > 0 && n % fail_every == 0;
    drop = drop_every > 0 && n % drop_every == 0;
    ++held;
    cv.wait(lock, [this] { return !hold; });
    --held;
    if (fail) {
      ++stats.failed;
      response.status = 503;
      response.set_content("unavailable (injected)\n", "text/plain");
      return;
    }
  }
  // A forward's connection first: the work below (and its memory) happens
  // for at most max_forwards requests at once.
  ForwardLease lease(
      forwards.get(),
      forwards ? forwards->Acquire(options.forward_wait) : nullptr);
  if (forwards && lease.get() == nullptr) {
    std::lock_guard<std::mutex> lock(mu);
    ++stats.busy;
    response.status = 503;
    response.set_content("busy: every forward to the pipeline is in use\n",
                         "text/plain");
    return;
  }
  absl::StatusOr<DecodedBatch> batch = decoder.Decode(request.body);
  if (!batch.ok()) {
    std::lock_guard<std::mutex> lock(mu);
    ++stats.batches_refused;
    last_error = std::string(batch.status().message());
    response.status = 400;
    response.set_content(absl::StrCat("refused: ", last_error, "\n"),
                         "text/plain");
    return;
  }
  if (lease.get() != nullptr) {
    std::vector<const proto::Event*> unseen = Unseen(*batch);
    if (!unseen.empty() || batch->deletion_request) {
      absl::Status forwarded = Forward(lease.get(), *batch, unseen);
      if (!forwarded.ok()) {
        // Nothing is remembered: the device keeps the events and retries.
        response.status = 503;
        response.set_content(absl::StrCat("the pipeline did not accept the "
                                          "batch: ",
                                          forwarded.message(), "\n"),
                             "text/plain");
        return;
      }
    }
  }
  std::string body =
      Keep(*std::move(batch), request.body.size(), drop).SerializeAsString();
  if (drop) {
    // The status line goes out, then the connection closes before the
    // body: the client never sees the acknowledgement.
    response.set_content_provider(
        body.size(), "application/x-protobuf",
        [](size_t, size_t, httplib::DataSink&) { return false; });
    return;
  }
  response.status = 200;
  response.set_content(body, "application/x-protobuf");
}

std::vector<const proto::Event*> CollectorServer::State::Unseen(
    const DecodedBatch& batch) const {
  std::vector<const proto::Event*> unseen;
  absl::flat_hash_set<absl::string_view> in_batch;
  std::lock_guard<std::mutex> lock(mu);
  for (const proto::Event& e : batch.events) {
    if (!seen.Contains(e.id()) && in_batch.insert(e.id()).second) {
      unseen.push_back(&e);
    }
  }
  return unseen;
}

absl::Status CollectorServer::State::Forward(
    OtlpExporter* exporter, const DecodedBatch& batch,
    const std::vector<const proto::Event*>& unseen) {
  absl::Status status = exporter->Export(BuildLogsRequest(
      batch.header, unseen,
      batch.deletion_request ? &*batch.deletion_request : nullptr,
      absl::Now()));
  std::lock_guard<std::mutex> lock(mu);
  if (!status.ok()) {
    ++stats.forward_failures;
    last_forward_error = std::string(status.message());
    return status;
  }
  ++stats.forwards;
  stats.forwarded += static_cast<int64_t>(unseen.size());
  return status;
}

proto::BatchAck CollectorServer::State::Keep(DecodedBatch batch,
                                             size_t body_bytes, bool drop) {
  proto::BatchAck ack;
  ack.set_batch_id(batch.header.batch_id());
  std::string lines;
  std::lock_guard<std::mutex> lock(mu);
  ++stats.batches_accepted;
  if (batch.deletion_request) {
    // A real backend deletes what it holds under these ids here.
    ++stats.deletion_requests;
    util_internal::JsonWriter w;
    w.BeginObject();
    w.Key("deletion_request");
    w.BeginObject();
    w.Key("install_ids");
    w.BeginArray();
    for (const std::string& id : batch.deletion_request->install_ids()) {
      retired_ids.push_back(id);
      w.String(id);
    }
    w.EndArray();
    w.Key("requested_ms");
    w.Int(batch.deletion_request->requested_ms());
    w.EndObject();
    w.EndObject();
    absl::StrAppend(&lines, w.str(), "\n");
  }
  for (const proto::Event& e : batch.events) {
    if (!seen.Insert(e.id())) {
      ++stats.duplicates;
      ack.set_duplicates(ack.duplicates() + 1);
      continue;
    }
    ++stats.events;
    ack.set_accepted(ack.accepted() + 1);
    if (options.keep_received) events.push_back(e);
    if (!options.output_path.empty()) {
      absl::StrAppend(&lines, rights_internal::EventToJson(e), "\n");
    }
  }
  if (options.keep_received) {
    ReceivedBatch received;
    received.header = std::move(batch.header);
    received.events = std::move(batch.events);
    received.body_bytes = body_bytes;
    batches.push_back(std::move(received));
  }
  if (!options.output_path.empty() && !lines.empty()) {
    // The users' events: owner-only (0600), never through a planted link.
    absl::Status written = demo::AppendPrivateFile(options.output_path, lines);
    if (!written.ok()) ++stats.output_errors;
  }
  if (drop) ++stats.dropped;
  return ack;
}

CollectorServer::CollectorServer(std::unique_ptr<State> state)
    : state_(std::move(state)) {}

CollectorServer::~CollectorServer() { Stop(); }

absl::StatusOr<std::unique_ptr<CollectorServer>> CollectorServer::Start(
    const CollectorOptions& options) {
  auto state = std::make_unique<State>(options);
  state->fail_every = options.fail_every;
  state->drop_every = options.drop_every;
  State* s = state.get();
  if (!options.forward_otlp_url.empty()) {
    s->forwards = std::make_unique<ForwardPool>();
    absl::Status ready = s->forwards->Init(options);
    if (!ready.ok()) return ready;
  }
  s->server.set_payload_max_length(options.limits.max_body_bytes);
  // Answers go out in two writes (headers, body): no Nagle delay on them.
  s->server.set_tcp_nodelay(true);
  s->server.Post(options.path, [s](const httplib::Request& request,
                                   httplib::Response& response) {
    s->Handle(request, response);
  });
  if (options.port == 0) {
    s->port = s->server.bind_to_any_port(options.host);
  } else if (s->server.bind_to_port(options.host, options.port)) {
    s->port = options.port;
  } else {
    s->port = -1;
  }
  if (s->port <= 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", options.host, ":", options.port));
  }
  s->thread = std::thread([s] {
    s->server.listen_after_bind();
    s->listen_returned = true;
  });
  // cpp-httplib's stop() does nothing until listen_after_bind() has set its
  // running flag: a Stop before that would be lost and the thread would
  // accept forever. Hand the server out only once it runs.
  while (!s->server.is_running() && !s->listen_returned) {
    std::this_thread::sleep_for(std::chrono::microseconds(100));
  }
  auto server =
      std::unique_ptr<CollectorServer>(new CollectorServer(std::move(state)));
  if (!server->running()) {
    server->Stop();
    return absl::UnavailableError(absl::StrCat(
        "the server on ", options.host, ":", server->port(), " did not start"));
  }
  return server;
}

void CollectorServer::Stop() {
  Release();
  state_->server.stop();
  if (state_->thread.joinable()) state_->thread.join();
}

bool CollectorServer::running() const { return state_->server.is_running(); }

int CollectorServer::port() const { return state_->port; }

std::string CollectorServer::url() const {
  return absl::StrCat("http://", state_->options.host, ":", state_->port,
                      state_->options.path);
}

void CollectorServer::SetFailEvery(int n) {
  std::lock_guard<std::mutex> lock(state_->mu);
  state_->fail_every = n;
}

void CollectorServer::SetDropEvery(int n) {
  std::lock_guard<std::mutex> lock(state_->mu);
  state_->drop_every = n;
}

void CollectorServer::Hold() {
  std::lock_guard<std::mutex> lock(state_->mu);
  state_->hold = true;
}

void CollectorServer::Release() {
  std::lock_guard<std::mutex> lock(state_->mu);
  state_->hold = false;
  state_->cv.notify_all();
}

int CollectorServer::held() const {
  std::lock_guard<std::mutex> lock(state_->mu);
  return state_->held;
}

CollectorStats CollectorServer::stats() const {
  std::lock_guard<std::mutex> lock(state_->mu);
  return state_->stats;
}

std::vector<proto::Event> CollectorServer::events() const {
  std::lock_guard<std::mutex> lock(state_->mu);
  return state_->events;
}

std::vector<ReceivedBatch> CollectorServer::batches() const {
  std::lock_guard<std::mutex> lock(state_->mu);
  return state_->batches;
}

std::vector<std::string> CollectorServer::retired_install_ids() const {
  std::lock_guard<std::mutex> lock(state_->mu);
  return state_->retired_ids;
}

std::string CollectorServer::last_error() const {
  std::lock_guard<std::mutex> lock(state_->mu);
  return state_->last_error;
}

std::string CollectorServer::last_forward_error() const {
  std::lock_guard<std::mutex> lock(state_->mu);
  return state_->last_forward_error;
}

}  // namespace telegate::collector
