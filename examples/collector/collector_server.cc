#include "collector_server.h"

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>
#include <utility>

#include "absl/strings/str_cat.h"
#include "private_file.h"
#include "rights/json_render.h"
#include "util/json_writer.h"
#include "telegate/batch.pb.h"

namespace telegate::collector {

struct CollectorServer::State {
  explicit State(const CollectorOptions& o) : options(o), decoder(o.limits) {}

  CollectorOptions options;
  BatchDecoder decoder;
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
  std::set<std::string> seen_ids;
  std::vector<proto::Event> events;
  std::vector<ReceivedBatch> batches;
  std::vector<std::string> retired_ids;
  std::string last_error;

  void Handle(const httplib::Request& request, httplib::Response& response);
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
  proto::BatchAck ack;
  ack.set_batch_id(batch->header.batch_id());
  std::string lines;
  {
    std::lock_guard<std::mutex> lock(mu);
    ++stats.batches_accepted;
    if (batch->deletion_request) {
      // A real backend deletes what it holds under these ids here.
      ++stats.deletion_requests;
      util_internal::JsonWriter w;
      w.BeginObject();
      w.Key("deletion_request");
      w.BeginObject();
      w.Key("install_ids");
      w.BeginArray();
      for (const std::string& id : batch->deletion_request->install_ids()) {
        retired_ids.push_back(id);
        w.String(id);
      }
      w.EndArray();
      w.Key("requested_ms");
      w.Int(batch->deletion_request->requested_ms());
      w.EndObject();
      w.EndObject();
      absl::StrAppend(&lines, w.str(), "\n");
    }
    for (const proto::Event& e : batch->events) {
      if (!seen_ids.insert(e.id()).second) {
        ++stats.duplicates;
        ack.set_duplicates(ack.duplicates() + 1);
        continue;
      }
      ++stats.events;
      ack.set_accepted(ack.accepted() + 1);
      events.push_back(e);
      absl::StrAppend(&lines, rights_internal::EventToJson(e), "\n");
    }
    ReceivedBatch received;
    received.header = batch->header;
    received.events = std::move(batch->events);
    received.body_bytes = request.body.size();
    batches.push_back(std::move(received));
    if (!options.output_path.empty() && !lines.empty()) {
      // The users' events: owner-only (0600), never through a planted link.
      absl::Status written = demo::AppendPrivateFile(options.output_path, lines);
      if (!written.ok()) ++stats.output_errors;
    }
    if (drop) ++stats.dropped;
  }
  std::string body = ack.SerializeAsString();
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

CollectorServer::CollectorServer(std::unique_ptr<State> state)
    : state_(std::move(state)) {}

CollectorServer::~CollectorServer() { Stop(); }

absl::StatusOr<std::unique_ptr<CollectorServer>> CollectorServer::Start(
    const CollectorOptions& options) {
  auto state = std::make_unique<State>(options);
  state->fail_every = options.fail_every;
  state->drop_every = options.drop_every;
  State* s = state.get();
  s->server.set_payload_max_length(options.limits.max_body_bytes);
  s->server.Post(options.path,
                 [s](const httplib::Request& request,
                     httplib::Response& response) { s->Handle(request, response); });
  if (options.port == 0) {
    s->port = s->server.bind_to_any_port(options.host);
  } else if (s->server.bind_to_port(options.host, options.port)) {
    s->port = options.port;
  } else {
    s->port = -1;
  }
  if (s->port <= 0) {
    return absl::UnavailableError(absl::StrCat(
        "cannot listen on ", options.host, ":", options.port));
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

}  // namespace telegate::collector
