// telegate_otlp_bench: one telegate-collector forwarding to an OpenTelemetry
// OTLP/HTTP endpoint over loopback (issue 16).
//
//   build/tests/bench/telegate_otlp_bench [--events N] [--batch B]
//       [--senders S] [--stall-seconds T] [--stall-senders K]
//       [--stall-batch E] [--dedup-window W]
//
// Forwarding: a telegate-collector process started with --forward-otlp
// (defaults otherwise: 4 forwards at once; --dedup-window W is passed on)
// forwards to an OTLP receiver in
// this process that decodes every ExportLogsServiceRequest with the
// generated classes, counts its records and answers 200. S sender threads
// (the devices) POST N events in upload bodies of B events each — the
// default catalog's event mix, zstd with the shipped dictionary, built
// beforehand — each sending its next body once the previous one is
// acknowledged (a 503 is sent again at once). Printed: events/s forwarded
// (acknowledged, and counted by the receiver), the collector's CPU seconds
// and its peak RSS (VmHWM).
//
// Stalled pipeline: a fresh collector whose receiver holds every request
// and never answers; K sender threads POST bodies of E events for T
// seconds, each sending again as soon as it has an answer (no backoff: worse
// than real devices). Printed: the answers by kind (all 503: "busy" within
// the forward wait, or the forward timing out after 10 s) and the
// collector's peak RSS.
//
// Google Benchmark's --benchmark_* flags (run-benchmarks.sh passes them)
// are ignored.
#include <httplib.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "catalog/catalog.h"
#include "dictionary/sample_events.h"
#include "google/protobuf/stubs/logging.h"
#include "support/collector_process.h"
#include "support/otlp_receiver.h"
#include "telegate/batch.pb.h"
#include "telegate/policy.pb.h"
#include "upload/batch_encoder.h"

namespace {

using Clock = std::chrono::steady_clock;
using telegate::testing::CollectorProcess;
using telegate::testing::OtlpReceiver;

struct Options {
  int events = 200000;
  int batch = 50;
  int senders = 4;
  int stall_seconds = 15;
  int stall_senders = 32;
  int stall_batch = 500;
  int dedup_window = 0;  // 0: the collector's default
};

// `count` upload bodies of `per_body` events each, every event and batch
// with its own id.
std::vector<std::string> MakeBodies(int count, int per_body, uint64_t seed) {
  static const telegate::proto::Policy* policy = [] {
    auto* p = new telegate::proto::Policy();
    p->ParseFromString(
        std::string(telegate::catalog_internal::Catalog::DefaultPolicyBytes()));
    return p;
  }();
  telegate::dictionary_internal::SampleGenerator events(*policy, seed);
  auto encoder = telegate::upload_internal::BatchEncoder::Create(
      telegate::upload_internal::BatchEncoder::Mode::kDictionary, 3);
  std::vector<std::string> bodies;
  for (int b = 0; b < count; ++b) {
    for (int i = 0; i < per_body; ++i) {
      (*encoder)->Add(events.NextEvent().SerializeAsString());
    }
    telegate::proto::BatchHeader header;
    std::string id(16, '\0');
    for (int k = 0; k < 8; ++k) {
      id[k] = static_cast<char>((static_cast<uint64_t>(b) >> (8 * k)) & 0xff);
      id[8 + k] = static_cast<char>((seed >> (8 * k)) & 0xff);
    }
    header.set_batch_id(id);
    header.set_region("CN");
    header.set_policy_version_major(1);
    header.set_app_id("com.example.shop");
    header.set_sdk_version("bench");
    bodies.push_back(*(*encoder)->Finish(header));
  }
  return bodies;
}

// User + system CPU seconds of process `pid`.
double CpuSeconds(pid_t pid) {
  std::ifstream in(absl::StrCat("/proc/", pid, "/stat"));
  std::string stat((std::istreambuf_iterator<char>(in)),
                   std::istreambuf_iterator<char>());
  size_t close = stat.rfind(')');
  if (close == std::string::npos) return -1;
  std::istringstream fields(stat.substr(close + 2));
  std::string f;
  double ticks = 0;
  for (int i = 3; i <= 15 && fields >> f; ++i) {
    if (i == 14 || i == 15) ticks += std::atof(f.c_str());
  }
  return ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

std::string MakeTempDir() {
  std::string dir = absl::StrCat(getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
                                 "/telegate-otlp-bench-XXXXXX");
  if (::mkdtemp(dir.data()) == nullptr) {
    std::perror("mkdtemp");
    std::exit(1);
  }
  return dir;
}

// Host and port of the collector's URL http://127.0.0.1:PORT/v1/batches.
int PortOf(const std::string& url) {
  size_t colon = url.rfind(':');
  return std::atoi(url.c_str() + colon + 1);
}

int Forwarding(const Options& o, const std::string& dir) {
  const int count = o.events / o.batch;
  std::printf("building %d bodies of %d events...\n", count, o.batch);
  std::vector<std::string> bodies = MakeBodies(count, o.batch, 1);
  size_t bytes = 0;
  for (const std::string& b : bodies) bytes += b.size();

  auto receiver = OtlpReceiver::Start();
  if (!receiver.ok()) return 1;
  (*receiver)->set_keep(false);
  std::vector<std::string> args = {"--forward-otlp", (*receiver)->url()};
  if (o.dedup_window > 0) {
    args.insert(args.end(), {"--dedup-window", absl::StrCat(o.dedup_window)});
  }
  CollectorProcess collector(TELEGATE_COLLECTOR_BIN, dir, args);
  const std::string url = collector.WaitForUrl();
  if (url.empty()) return 1;
  const int64_t idle_rss = collector.PeakRssKib();
  const int port = PortOf(url);

  std::atomic<int> next{0};
  std::atomic<int64_t> acked{0};
  std::atomic<int> busy{0};
  std::atomic<int> errors{0};
  const double cpu_before = CpuSeconds(collector.pid());
  Clock::time_point start = Clock::now();
  std::vector<std::thread> senders;
  for (int s = 0; s < o.senders; ++s) {
    senders.emplace_back([&] {
      httplib::Client client("127.0.0.1", port);
      client.set_keep_alive(true);
      client.set_tcp_nodelay(true);
      client.set_read_timeout(std::chrono::seconds(60));
      for (int i = next++; i < count; i = next++) {
        for (;;) {
          httplib::Result r = client.Post("/v1/batches", bodies[i],
                                          "application/x-telegate-batch");
          if (r && r->status == 200) {
            telegate::proto::BatchAck ack;
            ack.ParseFromString(r->body);
            acked += ack.accepted();
            break;
          }
          if (r && r->status == 503) {
            ++busy;
          } else {
            ++errors;
          }
        }
      }
    });
  }
  for (std::thread& t : senders) t.join();
  const double seconds =
      std::chrono::duration<double>(Clock::now() - start).count();
  const int64_t peak_rss = collector.PeakRssKib();
  const double cpu = CpuSeconds(collector.pid()) - cpu_before;
  std::string summary;
  collector.Stop(&summary);
  std::printf(
      "forwarding: %d events in %d bodies of %d (%.0f B/body), %d senders\n"
      "  %.0f events/s forwarded and acknowledged (%.2f s; receiver counted "
      "%lld records, acknowledged %lld; %d busy 503s, %d errors)\n"
      "  collector CPU %.2f s (%.1f us per event); peak RSS %.1f MiB "
      "(%.1f MiB idle)\n",
      count * o.batch, count, o.batch, static_cast<double>(bytes) / count,
      o.senders, count * o.batch / seconds, seconds,
      static_cast<long long>((*receiver)->accepted_record_count()),
      static_cast<long long>(acked.load()), busy.load(), errors.load(), cpu,
      cpu * 1e6 / (count * o.batch), peak_rss / 1024.0, idle_rss / 1024.0);
  std::printf("  collector: %s", summary.c_str());
  return (*receiver)->accepted_record_count() == count * o.batch ? 0 : 1;
}

int Stalled(const Options& o, const std::string& dir) {
  std::vector<std::string> bodies = MakeBodies(64, o.stall_batch, 2);
  auto receiver = OtlpReceiver::Start();
  if (!receiver.ok()) return 1;
  (*receiver)->set_keep(false);
  (*receiver)->Hold();
  CollectorProcess collector(TELEGATE_COLLECTOR_BIN, dir,
                             {"--forward-otlp", (*receiver)->url()});
  const std::string url = collector.WaitForUrl();
  if (url.empty()) return 1;
  const int port = PortOf(url);
  std::atomic<bool> stop{false};
  std::mutex mu;
  std::map<std::string, int> answers;
  std::vector<std::thread> senders;
  for (int s = 0; s < o.stall_senders; ++s) {
    senders.emplace_back([&, s] {
      httplib::Client client("127.0.0.1", port);
      client.set_keep_alive(true);
      client.set_tcp_nodelay(true);
      client.set_read_timeout(std::chrono::seconds(60));
      for (int i = s; !stop; ++i) {
        httplib::Result r =
            client.Post("/v1/batches", bodies[i % bodies.size()],
                        "application/x-telegate-batch");
        std::string kind = !r                 ? "no answer"
                           : r->status != 503 ? absl::StrCat(r->status)
                           : absl::StartsWith(r->body, "busy") ? "503 busy"
                                                               : "503 pipeline";
        std::lock_guard<std::mutex> lock(mu);
        ++answers[kind];
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::seconds(o.stall_seconds));
  stop = true;
  for (std::thread& t : senders) t.join();
  const int64_t peak_rss = collector.PeakRssKib();
  (*receiver)->Release();
  std::string summary;
  collector.Stop(&summary);
  std::printf(
      "stalled pipeline: %d senders for %d s, bodies of %d events (%zu B)\n",
      o.stall_senders, o.stall_seconds, o.stall_batch, bodies[0].size());
  for (const auto& [kind, n] : answers) {
    std::printf("  %-13s %d\n", kind.c_str(), n);
  }
  std::printf("  collector peak RSS %.1f MiB; receiver got %d requests\n",
              peak_rss / 1024.0, (*receiver)->requests());
  std::printf("  collector: %s", summary.c_str());
  return answers.count("200") == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (absl::StartsWith(arg, "--benchmark_")) continue;
    int* value = nullptr;
    if (arg == "--events") value = &o.events;
    if (arg == "--batch") value = &o.batch;
    if (arg == "--senders") value = &o.senders;
    if (arg == "--stall-seconds") value = &o.stall_seconds;
    if (arg == "--stall-senders") value = &o.stall_senders;
    if (arg == "--stall-batch") value = &o.stall_batch;
    if (arg == "--dedup-window") value = &o.dedup_window;
    if (value == nullptr || i + 1 >= argc || std::atoi(argv[i + 1]) <= 0) {
      std::fprintf(stderr,
                   "usage: telegate_otlp_bench [--events N] [--batch B] "
                   "[--senders S] [--stall-seconds T] [--stall-senders K] "
                   "[--stall-batch E] [--dedup-window W]\n");
      return 2;
    }
    *value = std::atoi(argv[++i]);
  }
  google::protobuf::SetLogHandler(nullptr);
  ::signal(SIGPIPE, SIG_IGN);
  const std::string dir = MakeTempDir();
  std::printf("otlp_bench: telegate-collector %s, load average %s",
              TELEGATE_COLLECTOR_BIN,
              [] {
                std::ifstream in("/proc/loadavg");
                std::string l;
                std::getline(in, l);
                return l.substr(0, 14) + "\n";
              }()
                  .c_str());
  int failures = Forwarding(o, dir) + Stalled(o, dir);
  std::string cleanup = absl::StrCat("rm -rf '", dir, "'");
  (void)std::system(cleanup.c_str());
  return failures == 0 ? 0 : 1;
}
