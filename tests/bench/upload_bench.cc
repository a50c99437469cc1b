// telegate_upload_bench: what an upload costs on the wire and in CPU.
//
// Prints, for batches of the benchmark event shape (an event name plus 10
// attributes: 6 strings, 4 integers, about 250 bytes encoded) and for a mix
// of the default catalog's events, the bytes a batch takes as raw protobuf
// (the serialized EventBatch), as an upload body compressed with plain zstd,
// and as the upload body the client sends (zstd with the shipped, trained
// dictionary) — as ratios to the raw protobuf, measured in one run. Then
// the encode+compress throughput of 50-event batches.
//
//   build/tests/bench/telegate_upload_bench [--batches N]
//
// Target (issue 6): a 50-event batch of the benchmark shape uploads in at
// most 35% of its raw protobuf bytes.
#include <zdict.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "dictionary/sample_events.h"
#include "event/event_codec.h"
#include "telegate/attribute.h"
#include "upload/batch_encoder.h"
#include "upload/dictionary.h"

namespace {

using telegate::Attribute;
using telegate::dictionary_internal::SampleGenerator;
using telegate::dictionary_internal::SplitMix64;
using telegate::upload_internal::BatchEncoder;

// The benchmark event shape: an app screen view. Values come from small
// vocabularies and ranges, as real app telemetry does; the event id is
// random and the capture time advances, as in the client.
class ShapeGenerator {
 public:
  explicit ShapeGenerator(uint64_t seed) : rng_(seed) {}

  std::string Next() {
    static const std::vector<std::string> kScreens = {
        "home",   "search",  "product_detail", "cart",          "checkout",
        "orders", "profile", "category_list",  "coupon_center", "live_room"};
    static const std::vector<std::string> kReferrers = {
        "home", "search", "push", "deeplink", "direct", "share", "ad"};
    static const std::vector<std::string> kLanguages = {"zh-CN", "zh-CN",
                                                        "en-US", "zh-TW"};
    static const std::vector<std::string> kNetworks = {"wifi", "wifi", "5g",
                                                       "4g"};
    static const std::vector<std::string> kWords = {
        "red",    "shoes", "dress", "phone", "case",   "charger",
        "summer", "bag",   "watch", "tea",   "连衣裙", "手机壳",
        "运动鞋", "耳机",  "女装",  "零食"};
    auto pick =
        [this](const std::vector<std::string>& v) -> const std::string& {
      return v[rng_.Below(v.size())];
    };
    std::string query = pick(kWords);
    if (rng_.Below(2) == 0) query += " " + pick(kWords);
    std::string version = "7." + std::to_string(rng_.Between(10, 14)) + "." +
                          std::to_string(rng_.Between(0, 9));
    const Attribute attributes[] = {
        {"screen", pick(kScreens)},
        {"referrer", pick(kReferrers)},
        {"app_version", version},
        {"language", pick(kLanguages)},
        {"network_type", pick(kNetworks)},
        {"query", query},
        {"duration_ms", static_cast<int64_t>(rng_.Between(200, 120000))},
        {"scroll_depth", static_cast<int64_t>(rng_.Between(0, 100))},
        {"item_count", static_cast<int64_t>(rng_.Between(0, 60))},
        {"load_time_ms", static_cast<int64_t>(rng_.Between(80, 4000))},
    };
    char id[telegate::event_internal::kEventIdSize];
    for (char& c : id) c = static_cast<char>(rng_.Below(256));
    clock_ms_ += rng_.Between(500, 60000);
    telegate::event_internal::EventFields fields;
    fields.id = absl::string_view(id, sizeof(id));
    fields.category = "app.activity";
    fields.name = "screen_view";
    fields.capture_time_ms = clock_ms_;
    fields.consent_epoch = 3;
    const auto encoded =
        telegate::event_internal::EncodeEvent(fields, attributes);
    return std::string(encoded.data(), encoded.size());
  }

 private:
  SplitMix64 rng_;
  int64_t clock_ms_ = 1767225600000;
};

struct Sizes {
  double raw = 0, none = 0, plain = 0, dict = 0, own = 0;
};

std::unique_ptr<BatchEncoder> MakeEncoder(BatchEncoder::Mode mode,
                                          absl::string_view dictionary = {},
                                          int level = 3) {
  auto encoder = BatchEncoder::Create(mode, level, dictionary);
  if (!encoder.ok()) {
    std::fprintf(stderr, "encoder: %s\n",
                 std::string(encoder.status().message()).c_str());
    std::exit(1);
  }
  return *std::move(encoder);
}

telegate::proto::BatchHeader Header() {
  telegate::proto::BatchHeader header;
  header.set_batch_id(std::string(16, '\x5a'));
  header.set_created_ms(1767225600000);
  header.set_region("CN");
  header.set_policy_version_major(1);
  return header;
}

// A dictionary trained the way the build trains the shipped one
// (ZDICT_trainFromBuffer, 16 KiB), on 4000 events from `next`.
std::string TrainDictionary(const std::function<std::string()>& next) {
  std::string samples;
  std::vector<size_t> sizes;
  for (int i = 0; i < 4000; ++i) {
    std::string framed;
    telegate::dictionary_internal::AppendFramed(next(), &framed);
    sizes.push_back(framed.size());
    samples += framed;
  }
  std::string dict(16384, '\0');
  size_t n =
      ZDICT_trainFromBuffer(&dict[0], dict.size(), samples.data(), sizes.data(),
                            static_cast<unsigned>(sizes.size()));
  if (ZDICT_isError(n)) {
    std::fprintf(stderr, "training failed: %s\n", ZDICT_getErrorName(n));
    std::exit(1);
  }
  dict.resize(n);
  return dict;
}

// Average bytes per batch of `events_per_batch` events over `batches`.
// `own` is a dictionary trained on the same workload (other seeds).
Sizes Measure(const std::function<std::string()>& next, int events_per_batch,
              int batches, absl::string_view own) {
  auto none = MakeEncoder(BatchEncoder::Mode::kNone);
  auto plain = MakeEncoder(BatchEncoder::Mode::kPlain);
  auto dict = MakeEncoder(BatchEncoder::Mode::kDictionary);
  auto owned = MakeEncoder(BatchEncoder::Mode::kDictionary, own);
  Sizes total;
  for (int b = 0; b < batches; ++b) {
    for (int i = 0; i < events_per_batch; ++i) {
      std::string e = next();
      none->Add(e);
      plain->Add(e);
      dict->Add(e);
      owned->Add(e);
    }
    total.raw += none->raw_size();
    total.none += none->Finish(Header())->size();
    total.plain += plain->Finish(Header())->size();
    total.dict += dict->Finish(Header())->size();
    total.own += owned->Finish(Header())->size();
  }
  for (double* v :
       {&total.raw, &total.none, &total.plain, &total.dict, &total.own}) {
    *v /= batches;
  }
  return total;
}

void PrintRow(const char* workload, int n, const Sizes& s) {
  std::printf(
      "%-20s %6d %8.0f %7.0f %8.0f %6.1f%% %8.0f %6.1f%% %8.0f %6.1f%%\n",
      workload, n, s.raw, s.raw / n, s.plain, 100.0 * s.plain / s.raw, s.dict,
      100.0 * s.dict / s.raw, s.own, 100.0 * s.own / s.raw);
}

double Seconds(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
      .count();
}

}  // namespace

int main(int argc, char** argv) {
  int batches = 200;
  if (argc == 3 && std::string(argv[1]) == "--batches") {
    batches = std::max(1, std::atoi(argv[2]));
  }
  auto catalog = telegate::catalog_internal::Catalog::Default();
  if (!catalog.ok()) return 1;
  std::printf(
      "telegate_upload_bench: zstd level 3; shipped dictionary id %u, "
      "%zu bytes; averages over %d batches\n\n",
      telegate::upload_internal::EventDictionaryId(),
      telegate::upload_internal::EventDictionary().size(), batches);
  std::printf(
      "raw_pb: the serialized EventBatch; the other columns are whole "
      "upload bodies (header included)\n");
  std::printf(
      "shipped: the dictionary the library ships (trained on the "
      "default catalog's events)\n");
  std::printf(
      "own: a dictionary trained the same way on the workload itself "
      "(other seeds)\n\n");
  std::printf("%-20s %6s %8s %7s %8s %7s %8s %7s %8s %7s\n", "workload",
              "events", "raw_pb", "B/event", "zstd", "/raw", "shipped", "/raw",
              "own", "/raw");

  ShapeGenerator shape_training(99);
  const std::string shape_dict =
      TrainDictionary([&shape_training] { return shape_training.Next(); });
  for (int n : {1, 10, 50, 200}) {
    ShapeGenerator shape(1000 + n);  // not the training seeds
    PrintRow(
        "benchmark shape", n,
        Measure([&shape] { return shape.Next(); }, n, batches, shape_dict));
  }
  SampleGenerator mix_training((*catalog)->policy(), 98);
  const std::string mix_dict = TrainDictionary(
      [&mix_training] { return mix_training.NextEvent().SerializeAsString(); });
  for (int n : {1, 10, 50, 200}) {
    SampleGenerator mix((*catalog)->policy(), 2000 + n);
    PrintRow("default catalog mix", n,
             Measure([&mix] { return mix.NextEvent().SerializeAsString(); }, n,
                     batches, mix_dict));
  }

  // Throughput: encode (the caller-side event encoder) and compress 50-event
  // batches with the dictionary.
  constexpr int kBatch = 50;
  const int rounds = batches * 20;
  ShapeGenerator shape(7);
  std::vector<std::string> events;
  for (int i = 0; i < kBatch * 64; ++i) events.push_back(shape.Next());
  auto dict = MakeEncoder(BatchEncoder::Mode::kDictionary);
  size_t raw_bytes = 0, out_bytes = 0;
  auto start = std::chrono::steady_clock::now();
  for (int r = 0; r < rounds; ++r) {
    for (int i = 0; i < kBatch; ++i) {
      dict->Add(events[(r * kBatch + i) % events.size()]);
    }
    raw_bytes += dict->raw_size();
    out_bytes += dict->Finish(Header())->size();
  }
  double compress_s = Seconds(start);
  ShapeGenerator encode_shape(8);
  start = std::chrono::steady_clock::now();
  size_t encoded = 0;
  for (int i = 0; i < rounds * kBatch / 10; ++i)
    encoded += encode_shape.Next().size();
  double encode_s = Seconds(start) * 10;  // per rounds*kBatch events
  double events_total = static_cast<double>(rounds) * kBatch;
  std::printf("\nthroughput, %d batches of %d events (benchmark shape):\n",
              rounds, kBatch);
  std::printf(
      "  frame+compress: %.0f events/s, %.1f MB/s of raw protobuf in, "
      "%.1f%% out\n",
      events_total / compress_s, raw_bytes / compress_s / 1e6,
      100.0 * out_bytes / raw_bytes);
  std::printf("  encode (event generation + EncodeEvent): %.0f events/s\n",
              events_total / encode_s);
  std::printf("  encode+compress: %.0f events/s\n",
              events_total / (compress_s + encode_s));
  (void)encoded;
  return 0;
}
