// telegate-collector: a local collector for Telegate upload batches.
//
//   telegate-collector [--out FILE] [--forward-otlp URL] [--port N]
//                      [--fail-every N] [--drop-every N] [--max-forwards N]
//                      [--forward-timeout-ms N] [--dedup-window N]
//
// Listens on 127.0.0.1 (port 0, the default, picks a free one), prints
// "listening <url>" as its first line, accepts batches at /v1/batches,
// verifies and decompresses them, and appends every event it had not seen
// before to FILE as one JSON object per line (the telegate-inspect format).
// --forward-otlp URL (with or without --out; one of them is required)
// forwards those events as OpenTelemetry log records to an OTLP/HTTP logs
// endpoint, e.g. http://127.0.0.1:4318/v1/logs, and acknowledges a batch
// only once that endpoint accepted them (otherwise 503: the device keeps
// them and retries); --max-forwards N forwards run at once (4), each may
// take --forward-timeout-ms (10000), and a request finding none free is
// answered 503. --dedup-window N: event ids remembered to drop
// re-deliveries (1000000; at least half of them are). --fail-every N
// answers every Nth request 503; --drop-every N stores every Nth batch and
// drops the connection instead of acknowledging it. Runs until SIGINT or
// SIGTERM, then prints a summary line.
#include <signal.h>

#include <iostream>
#include <string>

#include "absl/strings/numbers.h"
#include "collector_server.h"
#include "google/protobuf/stubs/logging.h"
#include "otlp_exporter.h"

namespace {

int UsageError(const std::string& message) {
  std::cerr << "telegate-collector: " << message << "\n"
            << "usage: telegate-collector --out FILE [--port N] "
               "[--fail-every N] [--drop-every N]\n"
               "       [--forward-otlp URL] [--max-forwards N] "
               "[--forward-timeout-ms N] [--dedup-window N]\n"
               "  --forward-otlp URL: forward to an OpenTelemetry OTLP/HTTP "
               "logs endpoint,\n"
               "  e.g. http://127.0.0.1:4318/v1/logs (with --out, or "
               "instead of it)\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  telegate::collector::CollectorOptions options;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    std::string value = i + 1 < argc ? argv[i + 1] : "";
    int* number = nullptr;
    if (arg == "--out" && i + 1 < argc) {
      options.output_path = value;
      ++i;
      continue;
    }
    if (arg == "--forward-otlp" && i + 1 < argc) {
      options.forward_otlp_url = value;
      ++i;
      continue;
    }
    int timeout_ms = -1;
    int window = -1;
    if (arg == "--port") number = &options.port;
    if (arg == "--fail-every") number = &options.fail_every;
    if (arg == "--drop-every") number = &options.drop_every;
    if (arg == "--max-forwards") number = &options.max_forwards;
    if (arg == "--forward-timeout-ms") number = &timeout_ms;
    if (arg == "--dedup-window") number = &window;
    if (number == nullptr) return UsageError("unknown argument " + arg);
    if (i + 1 >= argc || !absl::SimpleAtoi(value, number) || *number < 0) {
      return UsageError(arg + " takes a number");
    }
    if (number == &options.max_forwards && *number < 1) {
      return UsageError("--max-forwards takes a number of at least 1");
    }
    if (timeout_ms >= 0)
      options.forward_timeout = absl::Milliseconds(timeout_ms);
    if (window >= 0) options.dedup_window = static_cast<size_t>(window);
    ++i;
  }
  if (options.output_path.empty() && options.forward_otlp_url.empty()) {
    return UsageError("--out or --forward-otlp is required");
  }
  const bool forwarding = !options.forward_otlp_url.empty();
  if (forwarding) {
    auto endpoint = telegate::collector::ParseOtlpUrl(options.forward_otlp_url);
    if (!endpoint.ok())
      return UsageError(std::string(endpoint.status().message()));
  }
  // Events go to the file and the pipeline, not to memory.
  options.keep_received = false;
  // Refused bodies are reported by the decoder (the 400 answer); protobuf's
  // own parse warnings would only repeat them on stderr.
  google::protobuf::SetLogHandler(nullptr);

  // Block the stop signals in every thread; wait for them here.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);

  auto server = telegate::collector::CollectorServer::Start(options);
  if (!server.ok()) {
    std::cerr << "telegate-collector: " << server.status().message() << "\n";
    return 1;
  }
  std::cout << "listening " << (*server)->url() << std::endl;
  int sig = 0;
  sigwait(&stop, &sig);
  (*server)->Stop();
  telegate::collector::CollectorStats s = (*server)->stats();
  std::cout << "stopped requests=" << s.requests
            << " batches=" << s.batches_accepted
            << " refused=" << s.batches_refused << " events=" << s.events
            << " duplicates=" << s.duplicates;
  if (forwarding) {
    std::cout << " forwarded=" << s.forwarded
              << " forward_failures=" << s.forward_failures
              << " busy=" << s.busy;
  }
  std::cout << std::endl;
  return 0;
}
