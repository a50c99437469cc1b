// telegate-train-dictionary: the build-time tool that trains the zstd
// dictionary the library ships for compressing upload batches.
//
//   telegate-train-dictionary POLICY.binpb OUT.zdict [SIZE] [SAMPLES]
//
// Generates SAMPLES representative events for the policy's categories
// (deterministically: the same inputs give the same dictionary, byte for
// byte), frames each as it appears inside an EventBatch, and trains a
// dictionary of at most SIZE bytes with zstd's ZDICT_trainFromBuffer. The
// dictionary's id is zstd's content-derived dictID, so a different
// dictionary never shares an id with this one.
#include <zdict.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "dictionary/sample_events.h"
#include "telegate/policy.pb.h"

namespace {

constexpr uint64_t kTrainingSeed = 0x7465'6c65'6761'7465ULL;  // "telegate"

int Fail(const std::string& message) {
  std::cerr << "telegate-train-dictionary: " << message << "\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3 || argc > 5) {
    return Fail("usage: telegate-train-dictionary POLICY.binpb OUT.zdict "
                "[SIZE] [SAMPLES]");
  }
  const size_t size = argc > 3 ? std::strtoul(argv[3], nullptr, 10) : 16384;
  const int samples = argc > 4 ? std::atoi(argv[4]) : 4000;
  if (size < 1024 || samples < 100) return Fail("SIZE or SAMPLES too small");

  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  telegate::proto::Policy policy;
  if (!in || !policy.ParseFromString(bytes.str()) ||
      policy.categories_size() == 0) {
    return Fail(std::string("cannot read a policy from ") + argv[1]);
  }

  telegate::dictionary_internal::SampleGenerator generator(policy,
                                                           kTrainingSeed);
  std::string buffer;
  std::vector<size_t> sizes;
  sizes.reserve(samples);
  for (int i = 0; i < samples; ++i) {
    std::string framed = generator.NextFramedEvent();
    sizes.push_back(framed.size());
    buffer += framed;
  }
  std::string dict(size, '\0');
  size_t n = ZDICT_trainFromBuffer(&dict[0], dict.size(), buffer.data(),
                                   sizes.data(),
                                   static_cast<unsigned>(sizes.size()));
  if (ZDICT_isError(n)) {
    return Fail(std::string("training failed: ") + ZDICT_getErrorName(n));
  }
  dict.resize(n);
  std::ofstream out(argv[2], std::ios::binary | std::ios::trunc);
  out.write(dict.data(), static_cast<std::streamsize>(dict.size()));
  out.close();
  if (!out) return Fail(std::string("cannot write ") + argv[2]);
  std::cout << "trained dictionary id " << ZDICT_getDictID(dict.data(), n)
            << ", " << n << " bytes, from " << samples << " events\n";
  return 0;
}
