// Helpers for benchmarks that drive a real client: a scratch data directory
// and a client on the real desktop platform (0600 key files, host-driven
// permission table, real clock), as a Linux host would open it.
//
//   telegate::bench::BenchClient bench;              // fresh directory
//   telegate::Client* client = bench.Open();         // nullptr on error
//   client->SetConsent("log.search", true);
//
// Thread-compatible: owned by the benchmark's main thread; the Client it
// opens is thread-safe as usual.
#ifndef TELEGATE_TESTS_BENCH_SUPPORT_BENCH_CLIENT_H_
#define TELEGATE_TESTS_BENCH_SUPPORT_BENCH_CLIENT_H_

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "support/test_dir.h"
#include "telegate/desktop/desktop_env.h"
#include "telegate/telegate.h"

namespace telegate::bench {

class BenchClient {
 public:
  BenchClient();
  ~BenchClient();

  // Options for a client on this directory; tune them before Open.
  ClientOptions& options() { return options_; }
  const std::string& data_dir() const { return dir_.path(); }

  // Opens the client (closing any previous one). Returns nullptr and sets
  // error() on failure.
  Client* Open();
  // Closes the client; returns the Close status.
  absl::Status Close();

  Client* client() { return client_.get(); }
  const absl::Status& error() const { return error_; }

 private:
  testing::TestDir dir_;
  std::unique_ptr<desktop::DesktopEnv> env_;
  ClientOptions options_;
  std::unique_ptr<Client> client_;
  absl::Status error_;
};

}  // namespace telegate::bench

#endif  // TELEGATE_TESTS_BENCH_SUPPORT_BENCH_CLIENT_H_
