// telegate-collector: a local collector for Telegate upload batches.
//
//   telegate-collector --out FILE [--port N] [--fail-every N] [--drop-every N]
//
// Listens on 127.0.0.1 (port 0, the default, picks a free one), prints
// "listening <url>" as its first line, accepts batches at /v1/batches,
// verifies and decompresses them, and appends every event it had not seen
// before to FILE as one JSON object per line (the telegate-inspect format).
// --fail-every N answers every Nth request 503; --drop-every N stores every
// Nth batch and drops the connection instead of acknowledging it. Runs
// until SIGINT or SIGTERM, then prints a summary line.
#include <signal.h>

#include <iostream>
#include <string>

#include "absl/strings/numbers.h"
#include "collector_server.h"
#include "google/protobuf/stubs/logging.h"

namespace {

int UsageError(const std::string& message) {
  std::cerr << "telegate-collector: " << message << "\n"
            << "usage: telegate-collector --out FILE [--port N] "
               "[--fail-every N] [--drop-every N]\n";
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
    if (arg == "--port") number = &options.port;
    if (arg == "--fail-every") number = &options.fail_every;
    if (arg == "--drop-every") number = &options.drop_every;
    if (number == nullptr) return UsageError("unknown argument " + arg);
    if (i + 1 >= argc || !absl::SimpleAtoi(value, number) || *number < 0) {
      return UsageError(arg + " takes a number");
    }
    ++i;
  }
  if (options.output_path.empty()) return UsageError("--out is required");
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
            << " duplicates=" << s.duplicates << std::endl;
  return 0;
}
