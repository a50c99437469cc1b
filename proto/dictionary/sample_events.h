// Representative events for a policy document, generated deterministically:
// the training set of the zstd dictionary the library ships (see
// train_dictionary.cc) and a workload for the upload benchmark.
//
// Values follow the attribute's declared type and, by key, a plausible
// range or vocabulary (phone models, languages, network types, search words,
// coordinates in China...). Nothing here is real user data.
//
//   SampleGenerator gen(policy, /*seed=*/1);
//   std::string framed = gen.NextFramedEvent();  // as inside an EventBatch
#ifndef TELEGATE_PROTO_DICTIONARY_SAMPLE_EVENTS_H_
#define TELEGATE_PROTO_DICTIONARY_SAMPLE_EVENTS_H_

#include <cstdint>
#include <string>

#include "telegate/event.pb.h"
#include "telegate/policy.pb.h"

namespace telegate::dictionary_internal {

// A small, portable, deterministic generator (splitmix64): the same seed
// gives the same sequence on every platform and standard library.
class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t seed) : state_(seed) {}
  uint64_t Next();
  // Uniform in [0, n); n > 0.
  uint64_t Below(uint64_t n) { return Next() % n; }
  // Uniform in [lo, hi].
  int64_t Between(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(Below(static_cast<uint64_t>(hi - lo) + 1));
  }
  double Uniform(double lo, double hi);

 private:
  uint64_t state_;
};

// Thread-compatible.
class SampleGenerator {
 public:
  // `policy` is borrowed and must outlive the generator.
  SampleGenerator(const proto::Policy& policy, uint64_t seed);

  // An event of a category and event drawn from the policy, with every
  // declared attribute set.
  proto::Event NextEvent();
  // The same, serialized and framed as one `events` field of an EventBatch
  // (tag, length, bytes).
  std::string NextFramedEvent();

  // A plausible string / integer / double value for an attribute `key`.
  std::string StringValue(const std::string& key);
  int64_t IntValue(const std::string& key);
  double DoubleValue(const std::string& key);

  SplitMix64* rng() { return &rng_; }

 private:
  const proto::Policy& policy_;
  SplitMix64 rng_;
  int64_t clock_ms_;
};

// Appends `event` framed as field 1 of an EventBatch to `out`.
void AppendFramed(const std::string& serialized_event, std::string* out);

}  // namespace telegate::dictionary_internal

#endif  // TELEGATE_PROTO_DICTIONARY_SAMPLE_EVENTS_H_
