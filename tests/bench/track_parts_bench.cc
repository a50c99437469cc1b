// The pieces of Track's hot path, measured alone, to explain the figures of
// client_bench.cc: catalog lookups, the clock, the event id, validation,
// encoding, the queue mutex.
#include <atomic>
#include <cstdint>
#include <memory>

#include "absl/status/status.h"
#include "benchmark/benchmark.h"
#include "catalog/catalog.h"
#include "event/event_codec.h"
#include "support/alloc_counter.h"
#include "telegate/attribute.h"
#include "telegate/clock.h"
#include "util/mutex.h"

namespace telegate::bench {
namespace {

using ::telegate::testing::AllocScope;

using catalog_internal::Catalog;

std::shared_ptr<const Catalog> DefaultCatalog() {
  static const std::shared_ptr<const Catalog> catalog = *Catalog::Default();
  return catalog;
}

// Reports allocations per iteration of the loop just run.
void ReportAllocs(benchmark::State& state, const AllocScope& scope) {
  state.counters["allocs_per_call"] =
      static_cast<double>(scope.allocations()) /
      static_cast<double>(state.iterations());
}

void BM_CatalogFind(benchmark::State& state) {
  std::shared_ptr<const Catalog> catalog = DefaultCatalog();
  AllocScope allocs;
  for (auto _ : state) {
    benchmark::DoNotOptimize(catalog->Find("log.search"));
  }
  ReportAllocs(state, allocs);
}
BENCHMARK(BM_CatalogFind);

void BM_CatalogFindEvent(benchmark::State& state) {
  std::shared_ptr<const Catalog> catalog = DefaultCatalog();
  catalog_internal::CategoryId id = *catalog->Find("log.search");
  for (auto _ : state) {
    benchmark::DoNotOptimize(catalog->FindEvent(id, "search"));
  }
}
BENCHMARK(BM_CatalogFindEvent);

void BM_PermissionDeniedStatus(benchmark::State& state) {
  AllocScope allocs;
  for (auto _ : state) {
    absl::Status s(absl::StatusCode::kPermissionDenied, "");
    benchmark::DoNotOptimize(s);
  }
  ReportAllocs(state, allocs);
}
BENCHMARK(BM_PermissionDeniedStatus);

void BM_RealClockNow(benchmark::State& state) {
  Clock* clock = Clock::Real();
  for (auto _ : state) benchmark::DoNotOptimize(clock->Now());
}
BENCHMARK(BM_RealClockNow);

void BM_NewEventId(benchmark::State& state) {
  char id[event_internal::kEventIdSize];
  for (auto _ : state) {
    event_internal::NewEventId(id);
    benchmark::DoNotOptimize(id);
  }
}
BENCHMARK(BM_NewEventId);

void BM_ValidateAttributes(benchmark::State& state) {
  std::shared_ptr<const Catalog> catalog = DefaultCatalog();
  const proto::EventSpec* spec =
      catalog->FindEvent(*catalog->Find("log.search"), "search");
  const Attribute attributes[] = {{"query", "red running shoes"},
                                  {"results", 12}};
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        event_internal::ValidateAttributes(*spec, attributes));
  }
}
BENCHMARK(BM_ValidateAttributes);

void BM_EncodeEvent(benchmark::State& state) {
  const Attribute attributes[] = {{"query", "red running shoes"},
                                  {"results", 12}};
  char id[event_internal::kEventIdSize] = {};
  event_internal::EventFields fields;
  fields.id = absl::string_view(id, sizeof(id));
  fields.category = "log.search";
  fields.name = "search";
  fields.capture_time_ms = 1700000000000;
  fields.consent_epoch = 3;
  AllocScope allocs;
  for (auto _ : state) {
    benchmark::DoNotOptimize(event_internal::EncodeEvent(fields, attributes));
  }
  ReportAllocs(state, allocs);
}
BENCHMARK(BM_EncodeEvent);

void BM_MutexUncontended(benchmark::State& state) {
  Mutex mu;
  int64_t n = 0;
  for (auto _ : state) {
    MutexLock lock(&mu);
    benchmark::DoNotOptimize(++n);
  }
}
BENCHMARK(BM_MutexUncontended);

// The price of a drop counter: an atomic read-modify-write (lock-prefixed
// on x86) against a relaxed load and store of a slot only this thread
// writes.
void BM_AtomicFetchAdd(benchmark::State& state) {
  std::atomic<int64_t> n{0};
  for (auto _ : state) n.fetch_add(1, std::memory_order_relaxed);
  benchmark::DoNotOptimize(n.load());
}
BENCHMARK(BM_AtomicFetchAdd);

void BM_AtomicLoadStore(benchmark::State& state) {
  std::atomic<int64_t> n{0};
  for (auto _ : state) {
    n.store(n.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
    benchmark::ClobberMemory();
  }
  benchmark::DoNotOptimize(n.load());
}
BENCHMARK(BM_AtomicLoadStore);

}  // namespace
}  // namespace telegate::bench
