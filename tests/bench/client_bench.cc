// Benchmarks of the client as the host app sees it: Track on a closed and on
// an open category (caller's side), and Open on an existing data directory.
//
// Targets (issue 8): Track on a closed category <= 20 ns with zero heap
// allocations; Track on an open category >= 2 million calls/s on one
// thread. run-benchmarks.sh prints them next to the measured figures.
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "support/alloc_counter.h"
#include "support/bench_client.h"

namespace telegate::bench {
namespace {

using ::telegate::testing::AllocScope;

using Clock = std::chrono::steady_clock;

constexpr absl::Duration kFlushTimeout = absl::Seconds(60);
// Calls per timed batch of Track on an open category: well inside the
// default queue bounds, so no event is dropped for a full queue.
constexpr int kBatch = 4096;

double Seconds(Clock::duration d) {
  return std::chrono::duration<double>(d).count();
}

double ProcessCpuSeconds() {
  struct timespec cpu = {};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu);
  return static_cast<double>(cpu.tv_sec) +
         static_cast<double>(cpu.tv_nsec) * 1e-9;
}

// This thread's CPU time and context switches: a caller that blocks on the
// queue mutex shows voluntary switches; one preempted by other processes
// on a busy machine shows involuntary ones and wall time above CPU time.
struct ThreadUsage {
  double cpu_seconds = 0;
  int64_t voluntary = 0;
  int64_t involuntary = 0;

  static ThreadUsage Now() {
    struct rusage u = {};
    getrusage(RUSAGE_THREAD, &u);
    struct timespec cpu = {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu);
    ThreadUsage t;
    t.cpu_seconds = static_cast<double>(cpu.tv_sec) +
                    static_cast<double>(cpu.tv_nsec) * 1e-9;
    t.voluntary = u.ru_nvcsw;
    t.involuntary = u.ru_nivcsw;
    return t;
  }
  void AddSince(const ThreadUsage& start) {
    ThreadUsage now = Now();
    cpu_seconds += now.cpu_seconds - start.cpu_seconds;
    voluntary += now.voluntary - start.voluntary;
    involuntary += now.involuntary - start.involuntary;
  }
};

absl::Status TrackSearch(Client* client, int i) {
  return client->Track("log.search", "search",
                       {{"query", "red running shoes"}, {"results", i}});
}

// Track on a category without consent: refused at the gate. The counting
// operator new proves how many heap allocations a call makes.
void BM_TrackClosed(benchmark::State& state) {
  BenchClient bench;
  Client* client = bench.Open();
  if (client == nullptr) {
    state.SkipWithError(bench.error().ToString().c_str());
    return;
  }
  if (TrackSearch(client, 1).code() != absl::StatusCode::kPermissionDenied) {
    state.SkipWithError("Track on a closed category was not refused");
    return;
  }
  int64_t refused = 0;
  AllocScope allocs;
  for (auto _ : state) {
    absl::Status s = TrackSearch(client, 1);
    refused += s.ok() ? 0 : 1;  // ok() is inline; code() is a library call
    benchmark::DoNotOptimize(s);
  }
  const int64_t allocations = allocs.allocations();
  state.counters["allocs_per_call"] =
      static_cast<double>(allocations) / static_cast<double>(state.iterations());
  if (refused != static_cast<int64_t>(state.iterations())) {
    state.SkipWithError("Track on a closed category was not refused");
  }
}
BENCHMARK(BM_TrackClosed);

// Opens a client with log.search open. Returns nullptr after SkipWithError.
Client* OpenWithSearchOpen(benchmark::State& state, BenchClient* bench) {
  Client* client = bench->Open();
  if (client == nullptr) {
    state.SkipWithError(bench->error().ToString().c_str());
    return nullptr;
  }
  if (!client->SetConsent("log.search", true).ok()) {
    state.SkipWithError("SetConsent failed");
    return nullptr;
  }
  return client;
}

// Track on an open category, the caller's side: validate, encode, enqueue.
// Timed in batches of kBatch calls while the writer thread commits
// concurrently (as in an app); the queue is flushed between batches,
// untimed, so no call is refused for a full queue.
// Arg 0: the writer thread commits while the caller tracks (as in an app).
// Arg 1: the writer only commits at the untimed Flush, which isolates the
// caller's own cost from the interference of the writer on the other core.
void BM_TrackOpen(benchmark::State& state) {
  BenchClient bench;
  if (state.range(0) == 1) {
    bench.options().max_batch_events = 1 << 20;
    bench.options().max_batch_delay = absl::Hours(1);
  }
  Client* client = OpenWithSearchOpen(state, &bench);
  if (client == nullptr) return;
  int64_t failed = 0;
  double timed = 0;
  ThreadUsage usage;
  AllocScope allocs;
  for (auto _ : state) {
    ThreadUsage usage_start = ThreadUsage::Now();
    Clock::time_point start = Clock::now();
    for (int i = 0; i < kBatch; ++i) {
      absl::Status s = TrackSearch(client, i);
      failed += s.ok() ? 0 : 1;
    }
    double seconds = Seconds(Clock::now() - start);
    usage.AddSince(usage_start);
    state.SetIterationTime(seconds);
    timed += seconds;
    if (!client->Flush(kFlushTimeout).ok()) failed += 1;
  }
  const double calls = static_cast<double>(state.iterations()) * kBatch;
  state.SetItemsProcessed(static_cast<int64_t>(calls));
  state.counters["ns_per_call"] = timed * 1e9 / calls;
  state.counters["calls_per_s"] = calls / timed;
  state.counters["cpu_ns_per_call"] = usage.cpu_seconds * 1e9 / calls;
  state.counters["blocked_per_1k"] =
      static_cast<double>(usage.voluntary) * 1000 / calls;
  state.counters["preempted_per_1k"] =
      static_cast<double>(usage.involuntary) * 1000 / calls;
  // Includes the untimed Flush calls' allocations; informative only.
  state.counters["allocs_per_call"] =
      static_cast<double>(allocs.allocations()) / calls;
  if (failed != 0) state.SkipWithError("a Track or Flush call failed");
}
BENCHMARK(BM_TrackOpen)
    ->ArgName("writer_idle")
    ->Arg(0)
    ->Arg(1)
    ->UseManualTime()
    ->Unit(benchmark::kMicrosecond);

// Per-call latency of Track on an open category: every call is timed on its
// own and the percentiles are reported (the clock read's own cost is
// reported as clock_ns and included in every sample).
void BM_TrackOpenLatency(benchmark::State& state) {
  BenchClient bench;
  Client* client = OpenWithSearchOpen(state, &bench);
  if (client == nullptr) return;
  std::vector<int64_t> ns;
  ns.reserve(static_cast<size_t>(state.max_iterations) * kBatch);
  int64_t failed = 0;
  for (auto _ : state) {
    for (int i = 0; i < kBatch; ++i) {
      Clock::time_point start = Clock::now();
      absl::Status s = TrackSearch(client, i);
      Clock::time_point end = Clock::now();
      failed += s.ok() ? 0 : 1;
      ns.push_back(
          std::chrono::duration_cast<std::chrono::nanoseconds>(end - start)
              .count());
    }
    state.PauseTiming();
    if (!client->Flush(kFlushTimeout).ok()) failed += 1;
    state.ResumeTiming();
  }
  if (failed != 0) {
    state.SkipWithError("a Track or Flush call failed");
    return;
  }
  std::sort(ns.begin(), ns.end());
  auto percentile = [&ns](double p) {
    size_t i = static_cast<size_t>(p * static_cast<double>(ns.size() - 1));
    return static_cast<double>(ns[i]);
  };
  state.counters["p50_ns"] = percentile(0.50);
  state.counters["p90_ns"] = percentile(0.90);
  state.counters["p99_ns"] = percentile(0.99);
  state.counters["p999_ns"] = percentile(0.999);
  state.counters["max_ns"] = static_cast<double>(ns.back());
  state.counters["samples"] = static_cast<double>(ns.size());
  // The cost of one clock read pair, for reading the figures above.
  std::vector<int64_t> empty(10001);
  for (int64_t& e : empty) {
    Clock::time_point a = Clock::now();
    Clock::time_point b = Clock::now();
    e = std::chrono::duration_cast<std::chrono::nanoseconds>(b - a).count();
  }
  std::nth_element(empty.begin(), empty.begin() + 5000, empty.end());
  state.counters["clock_ns"] = static_cast<double>(empty[5000]);
}
BENCHMARK(BM_TrackOpenLatency)->Iterations(50)->Unit(benchmark::kMillisecond);

// Open on an existing data directory: three categories with consent, each
// holding kStoredEvents events. Only Open is timed; Close is not.
constexpr int kStoredEvents = 2000;

void BM_OpenExisting(benchmark::State& state) {
  BenchClient bench;
  Client* client = bench.Open();
  if (client == nullptr) {
    state.SkipWithError(bench.error().ToString().c_str());
    return;
  }
  for (const char* category : {"log.search", "log.access", "order"}) {
    if (!client->SetConsent(category, true).ok()) {
      state.SkipWithError("SetConsent failed");
      return;
    }
  }
  for (int i = 0; i < kStoredEvents; ++i) {
    bool ok = TrackSearch(client, i).ok() &&
              client->Track("log.access", "access", {{"browser", "bench"}})
                  .ok() &&
              client->Track("order", "order", {{"amount_minor", i}}).ok();
    if (!ok) {
      state.SkipWithError("Track failed while filling the directory");
      return;
    }
    if (i % 1000 == 999 && !client->Flush(kFlushTimeout).ok()) {
      state.SkipWithError("Flush failed while filling the directory");
      return;
    }
  }
  if (!bench.Close().ok()) {
    state.SkipWithError("Close failed");
    return;
  }
  double close_seconds = 0;
  double open_cpu_seconds = 0;
  for (auto _ : state) {
    double cpu_start = ProcessCpuSeconds();
    Clock::time_point start = Clock::now();
    client = bench.Open();
    double seconds = Seconds(Clock::now() - start);
    open_cpu_seconds += ProcessCpuSeconds() - cpu_start;
    state.SetIterationTime(seconds);
    if (client == nullptr) {
      state.SkipWithError(bench.error().ToString().c_str());
      return;
    }
    start = Clock::now();
    if (!bench.Close().ok()) {
      state.SkipWithError("Close failed");
      return;
    }
    close_seconds += Seconds(Clock::now() - start);
  }
  const double n = static_cast<double>(state.iterations());
  state.counters["close_ms"] = close_seconds * 1e3 / n;
  // CPU of every thread (Open's work runs on the writer thread); wall time
  // above it is waiting: fsync, or other processes on a busy machine.
  state.counters["open_cpu_ms"] = open_cpu_seconds * 1e3 / n;
}
BENCHMARK(BM_OpenExisting)->UseManualTime()->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace telegate::bench

BENCHMARK_MAIN();
