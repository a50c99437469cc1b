// telegate_store_bench: durable ingest through telegate::Client versus a raw
// SQLCipher insert of the same payloads, in one process.
//
//   build/tests/bench/telegate_store_bench [--events N] [--rounds R]
//                                          [--dir DIR]
//
// Each round:
//   raw       N payloads (serialized telegate.proto.Event: a name and 10
//             attributes, 6 strings and 4 integers, about 250 bytes) inserted
//             into a SQLCipher 4 file (raw key, WAL, synchronous=NORMAL,
//             secure_delete) in 500-row transactions; only the inserts are
//             timed (the payloads of each transaction are made beforehand).
//             Twice: as SQLCipher ships (memory security off), in a child
//             process of this binary, because the setting is process-wide
//             and cannot be turned off again once the client turned it on;
//             and in this process with memory security on, as the client
//             runs it (freed memory wiped, allocations mlock'ed).
//   telegate  the same N events through Client::Track from one thread, then
//             Flush: timed end to end (the caller builds its attributes and
//             Track encodes them inside the timed loop). When the queue is
//             full Track refuses the event; the loop waits 50 us and retries
//             it, so every event ends up committed.
// Then, on the last round's data directory:
//   open      Client::Open on the directory holding N events (median of 5)
//   revoke    SetConsent(category, false) with N events buffered: the time
//             until it returns, the barrier honoured (file, WAL and key gone)
//
// Printed: events/s of each and the ratios (target >= 0.7 against the raw
// insert as SQLCipher ships; also against the raw insert with the same
// memory wiping, and what that wiping costs SQLCipher alone), peak RSS of the
// Telegate burst (VmHWM after resetting it; target < 20 MiB), bytes on disk
// per event of both against the mean payload size (target <= payload), open
// time (target < 10 ms) and revoke time (target < 100 ms).
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "event/event_codec.h"
#include "store/sqlcipher_db.h"
#include "store/store.h"
#include "telegate/desktop/desktop_env.h"
#include "telegate/policy.pb.h"
#include "telegate/telegate.h"
#include "util/files.h"
#include "util/secure_memory.h"

extern char** environ;

namespace {

using Clock = std::chrono::steady_clock;

constexpr char kCategory[] = "bench.events";
constexpr char kEvent[] = "screen_view";

double Seconds(Clock::duration d) {
  return std::chrono::duration<double>(d).count();
}

// CPU time of the calling thread / of the whole process, in seconds: steadier
// than wall time on a shared machine.
double CpuSeconds(clockid_t clock) {
  struct timespec ts;
  clock_gettime(clock, &ts);
  return static_cast<double>(ts.tv_sec) + ts.tv_nsec * 1e-9;
}
double ThreadCpu() { return CpuSeconds(CLOCK_THREAD_CPUTIME_ID); }
double ProcessCpu() { return CpuSeconds(CLOCK_PROCESS_CPUTIME_ID); }

// xorshift64*: deterministic, cheap.
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed | 1) {}
  uint64_t Next() {
    state_ ^= state_ >> 12;
    state_ ^= state_ << 25;
    state_ ^= state_ >> 27;
    return state_ * 2685821657736338717ULL;
  }
  size_t Below(size_t n) { return static_cast<size_t>(Next() % n); }

 private:
  uint64_t state_;
};

const char* const kScreens[] = {
    "home",          "search_results", "product_detail", "cart",
    "checkout",      "order_list",     "order_detail",   "settings",
    "profile",       "coupon_center",  "category_list",  "shop_home",
    "live_stream",   "message_center", "address_book",   "payment_result",
    "review_editor", "favorites",      "history",        "customer_service"};
const char* const kWords[] = {
    "red",    "shoes",  "running", "men",   "women", "size",  "42",
    "winter", "coat",   "phone",   "case",  "usb",   "cable", "fast",
    "charge", "rice",   "cooker",  "tea",   "green", "gift",  "box",
    "kids",   "toy",    "lego",    "desk",  "lamp",  "led",   "wool",
    "socks",  "bag",    "leather", "watch", "smart", "band",  "camera",
    "lens",   "coffee", "beans",   "milk",  "powder"};
const char* const kNetworks[] = {"wifi", "4g", "5g", "3g"};

// Builds the attributes of one benchmark event; the strings live in the
// generator until the next call.
class EventGenerator {
 public:
  explicit EventGenerator(uint64_t seed) : random_(seed) {}

  const std::vector<telegate::Attribute>& Next() {
    if (session_left_-- <= 0) {
      session_left_ = 40;
      static const char kHex[] = "0123456789abcdef";
      session_.clear();
      for (int i = 0; i < 16; ++i) session_.push_back(kHex[random_.Below(16)]);
    }
    query_.clear();
    for (size_t n = 2 + random_.Below(3); n > 0; --n) {
      if (!query_.empty()) query_.push_back(' ');
      query_ += kWords[random_.Below(sizeof(kWords) / sizeof(kWords[0]))];
    }
    attributes_.clear();
    attributes_.emplace_back("screen", kScreens[random_.Below(20)]);
    attributes_.emplace_back("referrer", kScreens[random_.Below(20)]);
    attributes_.emplace_back("session_id", absl::string_view(session_));
    attributes_.emplace_back("query", absl::string_view(query_));
    attributes_.emplace_back("locale", random_.Below(5) ? "zh-CN" : "en-US");
    attributes_.emplace_back("network", kNetworks[random_.Below(4)]);
    attributes_.emplace_back("duration_ms",
                             static_cast<long long>(random_.Below(120000)));
    attributes_.emplace_back("scroll_pct",
                             static_cast<long long>(random_.Below(101)));
    attributes_.emplace_back("item_count",
                             static_cast<long long>(random_.Below(61)));
    attributes_.emplace_back("position",
                             static_cast<long long>(random_.Below(500)));
    return attributes_;
  }

 private:
  Random random_;
  int session_left_ = 0;
  std::string session_;
  std::string query_;
  std::vector<telegate::Attribute> attributes_;
};

std::string BenchPolicy() {
  telegate::proto::Policy policy;
  policy.set_version_major(1);
  telegate::proto::Category* c = policy.add_categories();
  c->set_name(kCategory);
  c->set_contents("Screen views of the benchmark app.");
  c->set_purpose("Measure the store.");
  c->set_sensitivity(telegate::proto::PERSONAL);
  c->mutable_android()->set_available(true);
  c->mutable_ios()->set_available(true);
  c->set_retention_seconds(30 * 24 * 3600);
  c->add_allowed_regions("*");
  c->set_priority(50);
  c->set_definition_major(1);
  telegate::proto::EventSpec* e = c->add_events();
  e->set_name(kEvent);
  for (const char* key :
       {"screen", "referrer", "session_id", "query", "locale", "network"}) {
    telegate::proto::AttributeSpec* a = e->add_attributes();
    a->set_key(key);
    a->set_type(telegate::proto::STRING);
  }
  for (const char* key :
       {"duration_ms", "scroll_pct", "item_count", "position"}) {
    telegate::proto::AttributeSpec* a = e->add_attributes();
    a->set_key(key);
    a->set_type(telegate::proto::INT);
  }
  return policy.SerializeAsString();
}

// Serialized event exactly as Track would encode it.
std::string Encode(const std::vector<telegate::Attribute>& attributes,
                   int64_t capture_ms) {
  char id[telegate::event_internal::kEventIdSize];
  telegate::event_internal::NewEventId(id);
  telegate::event_internal::EventFields fields;
  fields.id = absl::string_view(id, sizeof(id));
  fields.category = kCategory;
  fields.name = kEvent;
  fields.capture_time_ms = capture_ms;
  fields.consent_epoch = 1;
  const auto encoded =
      telegate::event_internal::EncodeEvent(fields, attributes);
  return std::string(encoded.data(), encoded.size());
}

int64_t ProcStatusKib(const char* field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  const std::string prefix = absl::StrCat(field, ":");
  while (std::getline(in, line)) {
    if (line.rfind(prefix, 0) == 0)
      return std::atoll(line.c_str() + prefix.size());
  }
  return -1;
}

// Resets VmHWM to the current RSS (Linux >= 4.0); false if not allowed.
bool ResetPeakRss() {
  std::ofstream out("/proc/self/clear_refs");
  out << "5";
  out.flush();
  return static_cast<bool>(out);
}

int64_t FileSize(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 ? st.st_size : 0;
}

int64_t DatabaseBytes(const std::string& path) {
  return FileSize(path) + FileSize(path + "-wal");
}

void Die(const std::string& what, const absl::Status& status) {
  std::fprintf(stderr, "store_bench: %s: %s\n", what.c_str(),
               status.ToString().c_str());
  std::exit(1);
}

struct RawResult {
  double seconds = 0;
  double cpu_seconds = 0;
  int64_t disk_bytes = 0;
  int64_t payload_bytes = 0;
};

// The baseline: the same payloads, a plain table, 500-row transactions.
// With `memory_security`, SQLCipher's memory security is turned on (for the
// whole process, for good).
RawResult RunRaw(const std::string& dir, int events, uint64_t seed,
                 bool memory_security) {
  using telegate::store_internal::OpenOptions;
  using telegate::store_internal::SqlcipherDb;
  using telegate::store_internal::Statement;
  const std::string path = dir + "/raw.db";
  telegate::store_internal::RemoveDatabaseFiles(path, false).IgnoreError();
  telegate::SecretBytes key = telegate::SecretBytes::Random(32);
  OpenOptions options;
  options.cache_kib = 256;  // as the event files
  options.memory_security = memory_security;
  absl::StatusOr<std::unique_ptr<SqlcipherDb>> db =
      SqlcipherDb::Open(path, key, options);
  if (!db.ok()) Die("raw open", db.status());
  if (!memory_security) {
    absl::StatusOr<std::string> state =
        (*db)->QueryText("PRAGMA cipher_memory_security");
    if (!state.ok() || *state != "0") {
      Die("raw open", absl::FailedPreconditionError(
                          "memory security is already on in this process"));
    }
  }
  absl::Status status = (*db)->Exec(
      "CREATE TABLE events(seq INTEGER PRIMARY KEY, payload BLOB NOT NULL)");
  if (!status.ok()) Die("raw schema", status);
  absl::StatusOr<Statement> insert =
      (*db)->Prepare("INSERT INTO events(payload) VALUES(?)");
  if (!insert.ok()) Die("raw prepare", insert.status());
  EventGenerator generator(seed);
  RawResult result;
  std::vector<std::string> chunk;
  Clock::duration timed{};
  int64_t now_ms = 1800000000000;
  for (int done = 0; done < events;) {
    const int n = std::min(500, events - done);
    chunk.clear();
    for (int i = 0; i < n; ++i) {
      chunk.push_back(Encode(generator.Next(), ++now_ms));
      result.payload_bytes += static_cast<int64_t>(chunk.back().size());
    }
    Clock::time_point start = Clock::now();
    const double cpu_start = ThreadCpu();
    status = (*db)->Exec("BEGIN IMMEDIATE");
    for (const std::string& payload : chunk) {
      if (!status.ok()) break;
      insert->BindBlob(1, payload);
      status = insert->Run();
      insert->Reset();
    }
    if (status.ok()) status = (*db)->Exec("COMMIT");
    timed += Clock::now() - start;
    result.cpu_seconds += ThreadCpu() - cpu_start;
    if (!status.ok()) Die("raw insert", status);
    done += n;
  }
  result.seconds = Seconds(timed);
  *insert = Statement();
  db->reset();  // closing checkpoints the WAL into the file
  result.disk_bytes = DatabaseBytes(path);
  telegate::store_internal::RemoveDatabaseFiles(path, false).IgnoreError();
  return result;
}

// The store alone: EventFile::Append of the same payloads in 500-row
// batches (what the writer thread does, without the queue and the caller).
RawResult RunEventFile(const std::string& dir, int events, uint64_t seed) {
  using telegate::store_internal::EventFile;
  using telegate::store_internal::EventRow;
  const std::string path = dir + "/file.db";
  telegate::store_internal::RemoveDatabaseFiles(path, false).IgnoreError();
  telegate::SecretBytes key = telegate::SecretBytes::Random(32);
  absl::StatusOr<std::unique_ptr<EventFile>> file =
      EventFile::Open(path, key, kCategory, true);
  if (!file.ok()) Die("event file open", file.status());
  EventGenerator generator(seed);
  RawResult result;
  std::vector<std::string> chunk;
  std::vector<EventRow> rows;
  Clock::duration timed{};
  int64_t now_ms = 1800000000000;
  for (int done = 0; done < events;) {
    const int n = std::min(500, events - done);
    chunk.clear();
    rows.clear();
    for (int i = 0; i < n; ++i) {
      chunk.push_back(Encode(generator.Next(), ++now_ms));
      result.payload_bytes += static_cast<int64_t>(chunk.back().size());
    }
    for (int i = 0; i < n; ++i) {
      EventRow row;
      row.capture_ms = now_ms - n + i + 1;
      row.payload = chunk[i];
      rows.push_back(row);
    }
    Clock::time_point start = Clock::now();
    const double cpu_start = ThreadCpu();
    absl::Status status = (*file)->Append(rows);
    timed += Clock::now() - start;
    result.cpu_seconds += ThreadCpu() - cpu_start;
    if (!status.ok()) Die("event file append", status);
    done += n;
  }
  result.seconds = Seconds(timed);
  file->reset();
  result.disk_bytes = DatabaseBytes(path);
  telegate::store_internal::RemoveDatabaseFiles(path, false).IgnoreError();
  return result;
}

// RunRaw without memory security, in a fresh process of this binary
// (--raw-child): nothing has turned the setting on there.
RawResult RunRawInChild(const std::string& dir, int events, uint64_t seed) {
  int fds[2];
  if (::pipe(fds) != 0) std::exit(1);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, fds[0]);
  std::vector<std::string> args = {"telegate_store_bench",
                                   "--raw-child",
                                   absl::StrCat(seed),
                                   "--events",
                                   absl::StrCat(events),
                                   "--dir",
                                   dir};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawn(&pid, "/proc/self/exe", &actions, nullptr, argv.data(),
                  environ) != 0) {
    Die("raw child", absl::InternalError("cannot start"));
  }
  posix_spawn_file_actions_destroy(&actions);
  ::close(fds[1]);
  std::string out;
  char buf[256];
  for (ssize_t n; (n = ::read(fds[0], buf, sizeof(buf))) > 0;) {
    out.append(buf, n);
  }
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  RawResult result;
  long long disk = 0, payload = 0;  // NOLINT(runtime/int)
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 ||
      std::sscanf(out.c_str(), "%lf %lf %lld %lld", &result.seconds,
                  &result.cpu_seconds, &disk, &payload) != 4) {
    Die("raw child", absl::InternalError(out));
  }
  result.disk_bytes = disk;
  result.payload_bytes = payload;
  return result;
}

struct Env {
  std::unique_ptr<telegate::desktop::DesktopEnv> desktop;
  telegate::ClientOptions options;
};

Env MakeEnv(const std::string& data_dir, const std::string& policy) {
  Env env;
  telegate::desktop::DesktopEnvOptions env_options;
  env_options.key_dir = data_dir + "/keys";
  absl::StatusOr<std::unique_ptr<telegate::desktop::DesktopEnv>> desktop =
      telegate::desktop::DesktopEnv::Create(env_options);
  if (!desktop.ok()) Die("desktop env", desktop.status());
  env.desktop = *std::move(desktop);
  env.options.data_dir = data_dir;
  env.options.env = env.desktop->env();
  env.options.policy_document = policy;
  // Room for the whole burst: the benchmark measures ingest, not eviction.
  env.options.max_buffered_events = 1 << 30;
  env.options.max_buffered_bytes = int64_t{1} << 40;
  return env;
}

std::unique_ptr<telegate::Client> OpenClient(const Env& env) {
  absl::StatusOr<std::unique_ptr<telegate::Client>> client =
      telegate::Client::Open(env.options);
  if (!client.ok()) Die("open", client.status());
  return *std::move(client);
}

struct IngestResult {
  double seconds = 0;
  double cpu_seconds = 0;         // both threads
  double caller_cpu_seconds = 0;  // the thread calling Track
  int64_t peak_rss_kib = -1;
  int64_t rss_before_kib = -1;
  int64_t retries = 0;
  int64_t disk_bytes = 0;
};

IngestResult RunTelegate(const std::string& data_dir, const std::string& policy,
                         int events, uint64_t seed) {
  IngestResult result;
  Env env = MakeEnv(data_dir, policy);
  std::unique_ptr<telegate::Client> client = OpenClient(env);
  absl::Status status = client->SetConsent(kCategory, true);
  if (!status.ok()) Die("consent", status);
  EventGenerator generator(seed);
  result.rss_before_kib = ProcStatusKib("VmRSS");
  const bool peak_reset = ResetPeakRss();
  Clock::time_point start = Clock::now();
  const double cpu_start = ProcessCpu();
  const double caller_start = ThreadCpu();
  for (int i = 0; i < events; ++i) {
    const std::vector<telegate::Attribute>& attributes = generator.Next();
    for (;;) {
      status = client->Track(kCategory, kEvent, attributes);
      if (!absl::IsResourceExhausted(status)) break;
      ++result.retries;  // queue full: let the writer catch up
      std::this_thread::sleep_for(std::chrono::microseconds(50));
    }
    if (!status.ok()) Die("track", status);
  }
  result.caller_cpu_seconds = ThreadCpu() - caller_start;
  status = client->Flush(absl::Seconds(120));
  result.seconds = Seconds(Clock::now() - start);
  result.cpu_seconds = ProcessCpu() - cpu_start;
  if (!status.ok()) Die("flush", status);
  if (peak_reset) result.peak_rss_kib = ProcStatusKib("VmHWM");
  const int64_t buffered = client->GetCategoryStatus()[0].buffered_events;
  if (buffered != events) {
    Die("ingest", absl::InternalError(absl::StrCat("buffered ", buffered,
                                                   " of ", events, " events")));
  }
  status = client->Close(absl::Seconds(60));
  if (!status.ok()) Die("close", status);
  client.reset();
  result.disk_bytes =
      DatabaseBytes(absl::StrCat(data_dir, "/events/", kCategory, ".db"));
  return result;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

double Min(const std::vector<double>& v) {
  return *std::min_element(v.begin(), v.end());
}

double Max(const std::vector<double>& v) {
  return *std::max_element(v.begin(), v.end());
}

std::string MakeDir(const std::string& base, const std::string& name) {
  std::string dir = absl::StrCat(base, "/", name);
  std::string command = absl::StrCat("rm -rf '", dir, "'");
  if (std::system(command.c_str()) != 0) std::exit(1);
  if (::mkdir(dir.c_str(), 0700) != 0) {
    std::perror(dir.c_str());
    std::exit(1);
  }
  return dir;
}

}  // namespace

int main(int argc, char** argv) {
  int events = 100000;
  int rounds = 3;
  std::string base = "/tmp";
  int64_t raw_child_seed = -1;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--raw-child" && i + 1 < argc) {
      raw_child_seed = std::atoll(argv[++i]);
    } else if (arg == "--events" && i + 1 < argc) {
      events = std::atoi(argv[++i]);
    } else if (arg == "--rounds" && i + 1 < argc) {
      rounds = std::max(1, std::atoi(argv[++i]));
    } else if (arg == "--dir" && i + 1 < argc) {
      base = argv[++i];
    } else {
      std::fprintf(stderr,
                   "usage: telegate_store_bench [--events N] [--rounds R] "
                   "[--dir DIR]\n");
      return 2;
    }
  }
  if (raw_child_seed >= 0) {
    RawResult raw = RunRaw(base, events, raw_child_seed, false);
    std::printf("%.9f %.9f %lld %lld\n", raw.seconds, raw.cpu_seconds,
                static_cast<long long>(raw.disk_bytes),      // NOLINT
                static_cast<long long>(raw.payload_bytes));  // NOLINT
    return 0;
  }
  base = MakeDir(base, absl::StrCat("telegate-store-bench-", ::getpid()));
  const std::string policy = BenchPolicy();

  std::printf(
      "store_bench: %d events of 1 name + 10 attributes (6 strings, "
      "4 ints), %d rounds, in %s\n",
      events, rounds, base.c_str());
  std::vector<double> raw_rates, telegate_rates, ratios, file_rates;
  std::vector<double> wiped_rates, wiped_ratios, wipe_costs;
  std::vector<double> raw_cpu, wiped_cpu, file_cpu, telegate_cpu, caller_cpu;
  RawResult raw, wiped;
  IngestResult ingest;
  int64_t peak_rss_kib = -1;
  std::string data_dir;
  for (int round = 0; round < rounds; ++round) {
    const uint64_t seed = 1234 + round;
    // Alternate the order so that neither side always runs on a warm cache.
    if (round % 2 == 0) {
      raw = RunRawInChild(base, events, seed);
      wiped = RunRaw(base, events, seed, true);
    }
    data_dir = MakeDir(base, "data");
    ingest = RunTelegate(data_dir, policy, events, seed);
    if (round % 2 == 1) {
      wiped = RunRaw(base, events, seed, true);
      raw = RunRawInChild(base, events, seed);
    }
    RawResult file_only = RunEventFile(base, events, seed);
    file_rates.push_back(events / file_only.seconds);
    raw_cpu.push_back(raw.cpu_seconds * 1e6 / events);
    wiped_cpu.push_back(wiped.cpu_seconds * 1e6 / events);
    file_cpu.push_back(file_only.cpu_seconds * 1e6 / events);
    telegate_cpu.push_back(ingest.cpu_seconds * 1e6 / events);
    caller_cpu.push_back(ingest.caller_cpu_seconds * 1e6 / events);
    const double raw_rate = events / raw.seconds;
    const double telegate_rate = events / ingest.seconds;
    const double wiped_rate = events / wiped.seconds;
    raw_rates.push_back(raw_rate);
    wiped_rates.push_back(wiped_rate);
    telegate_rates.push_back(telegate_rate);
    ratios.push_back(telegate_rate / raw_rate);
    wiped_ratios.push_back(telegate_rate / wiped_rate);
    wipe_costs.push_back(wiped_rate / raw_rate);
    peak_rss_kib = std::max(peak_rss_kib, ingest.peak_rss_kib);
    std::printf(
        "  round %d: raw %.0f events/s (with memory wiping %.0f), telegate "
        "%.0f events/s, ratio %.2f (%.2f to the wiped raw) "
        "(store alone %.0f events/s; queue-full retries %lld, RSS before "
        "%.1f MiB, peak %.1f MiB)\n",
        round + 1, raw_rate, wiped_rate, telegate_rate,
        telegate_rate / raw_rate, telegate_rate / wiped_rate, file_rates.back(),
        static_cast<long long>(ingest.retries), ingest.rss_before_kib / 1024.0,
        ingest.peak_rss_kib / 1024.0);
  }
  const double payload = static_cast<double>(raw.payload_bytes) / events;

  // Open time with the last round's events on disk.
  Env env = MakeEnv(data_dir, policy);
  std::vector<double> opens;
  for (int i = 0; i < 5; ++i) {
    Clock::time_point start = Clock::now();
    std::unique_ptr<telegate::Client> client = OpenClient(env);
    opens.push_back(Seconds(Clock::now() - start) * 1e3);
    if (client->Close(absl::Seconds(30)) != absl::OkStatus()) return 1;
  }

  // Revoke with every event buffered: the barrier, timed.
  std::unique_ptr<telegate::Client> client = OpenClient(env);
  const int64_t buffered = client->GetCategoryStatus()[0].buffered_events;
  Clock::time_point start = Clock::now();
  absl::Status revoked = client->SetConsent(kCategory, false);
  const double revoke_ms = Seconds(Clock::now() - start) * 1e3;
  if (!revoked.ok()) Die("revoke", revoked);
  const std::string file = absl::StrCat(data_dir, "/events/", kCategory, ".db");
  bool honoured = true;
  for (const char* suffix : {"", "-wal", "-shm"}) {
    honoured = honoured && !telegate::util_internal::PathExists(file + suffix);
  }
  honoured =
      honoured &&
      absl::IsNotFound(env.desktop->key_store()
                           ->Get(absl::StrCat("telegate.category.", kCategory))
                           .status()) &&
      client->GetCategoryStatus()[0].buffered_events == 0;
  client->Close(absl::Seconds(30)).IgnoreError();

  const double raw_rate = Median(raw_rates);
  const double telegate_rate = Median(telegate_rates);
  const double ratio = Median(ratios);
  const double open_ms = Median(opens);
  const double raw_disk = static_cast<double>(raw.disk_bytes) / events;
  const double telegate_disk = static_cast<double>(ingest.disk_bytes) / events;
  std::printf("\n%-36s %14s %10s\n", "measure (median of rounds)", "value",
              "target");
  std::printf("%-36s %14.0f\n", "raw SQLCipher insert, events/s", raw_rate);
  std::printf("%-36s %14.0f\n", "  the same, memory wiping on",
              Median(wiped_rates));
  std::printf("%-36s %14.0f\n", "telegate durable ingest, events/s",
              telegate_rate);
  std::printf("%-36s %14.0f\n", "store alone (EventFile), events/s",
              Median(file_rates));
  // CPU time: the least of the rounds (interference only adds to it).
  std::printf("%-36s %14.2f\n", "CPU us/event (min): raw insert", Min(raw_cpu));
  std::printf("%-36s %14.2f\n", "CPU us/event (min): raw, wiping on",
              Min(wiped_cpu));
  std::printf("%-36s %14.2f\n", "CPU us/event (min): store alone",
              Min(file_cpu));
  std::printf("%-36s %14.2f\n", "CPU us/event (min): telegate total",
              Min(telegate_cpu));
  std::printf("%-36s %14.2f\n", "CPU us/event (min): Track caller",
              Min(caller_cpu));
  std::vector<double> writer_cpu;
  for (size_t i = 0; i < telegate_cpu.size(); ++i) {
    writer_cpu.push_back(telegate_cpu[i] - caller_cpu[i]);
  }
  std::printf("%-36s %14.2f\n", "CPU us/event (min): writer thread",
              Min(writer_cpu));
  std::printf("%-36s %14.2f\n", "CPU ratio raw/writer",
              Min(raw_cpu) / Min(writer_cpu));
  std::printf("%-36s %14.2f %10s %s\n", "ratio telegate/raw", ratio, ">= 0.70",
              ratio >= 0.7 ? "ok" : "MISSED");
  std::printf("%-36s %9.2f-%.2f\n", "  (range over the rounds)", Min(ratios),
              Max(ratios));
  std::printf("%-36s %14.2f\n", "ratio telegate/raw with wiping on",
              Median(wiped_ratios));
  std::printf("%-36s %14.2f\n", "SQLCipher's wiping: raw on/off",
              Median(wipe_costs));
  const telegate::util_internal::SecureMemoryStats secure =
      telegate::util_internal::GetSecureMemoryStats();
  std::printf("%-36s %14.1f\n", "secure memory mapped at the end, MiB",
              secure.mapped_bytes / 1048576.0);
  std::printf("%-36s %14.1f\n", "  of which locked (mlock), MiB",
              secure.locked_bytes / 1048576.0);
  std::printf("%-36s %14.1f %10s %s\n", "peak RSS of the burst, MiB",
              peak_rss_kib / 1024.0, "< 20",
              peak_rss_kib >= 0 && peak_rss_kib < 20 * 1024 ? "ok" : "MISSED");
  std::printf("%-36s %14.1f\n", "mean payload, bytes/event", payload);
  std::printf("%-36s %14.1f\n", "raw file on disk, bytes/event", raw_disk);
  std::printf("%-36s %14.1f %10s %s\n", "telegate file on disk, bytes/event",
              telegate_disk, "<= payload",
              telegate_disk <= payload ? "ok" : "MISSED");
  std::printf("%-36s %14.2f %10s %s\n", "open with events buffered, ms",
              open_ms, "< 10", open_ms < 10 ? "ok" : "MISSED");
  std::printf("%-36s %14.2f %10s %s\n",
              absl::StrCat("revoke of ", buffered, " events, ms").c_str(),
              revoke_ms, "< 100",
              revoke_ms < 100 && honoured ? "ok" : "MISSED");
  std::printf("%-36s %14s\n", "barrier honoured (file, WAL, key gone)",
              honoured ? "yes" : "NO");
  std::string command = absl::StrCat("rm -rf '", base, "'");
  if (std::system(command.c_str()) != 0) return 1;
  return 0;
}
