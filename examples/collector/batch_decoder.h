// BatchDecoder: the collector's side of the upload wire format — checks and
// decodes one POSTed body (a serialized telegate.proto.UploadBody) into its
// header and events.
//
// Everything about the body is outside input. Each malformed, truncated,
// oversized (a decompression bomb declares or inflates to more than the
// limits), wrong-dictionary or inconsistent body is refused with
// kInvalidArgument and a message that says which check failed; nothing is
// ever allocated beyond the limits. Built as its own small library so it
// can be fuzzed.
//
//   BatchDecoder decoder(DecodeLimits{});   // knows the shipped dictionary
//   absl::StatusOr<DecodedBatch> batch = decoder.Decode(body);
//   if (!batch.ok()) return Answer(400, batch.status().message());
#ifndef TELEGATE_EXAMPLES_COLLECTOR_BATCH_DECODER_H_
#define TELEGATE_EXAMPLES_COLLECTOR_BATCH_DECODER_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "telegate/batch.pb.h"
#include "telegate/event.pb.h"

struct ZSTD_DDict_s;

namespace telegate::collector {

struct DecodeLimits {
  size_t max_body_bytes = 8u << 20;
  size_t max_uncompressed_bytes = 32u << 20;
  size_t max_events = 100000;
};

struct DecodedBatch {
  proto::BatchHeader header;
  std::vector<proto::Event> events;
  // Set for a deletion request's body (which then holds no events).
  std::optional<proto::DeletionRequest> deletion_request;
};

// Thread-safe after construction (dictionaries are read-only; each Decode
// uses its own decompression context).
class BatchDecoder {
 public:
  // Knows the dictionary the library ships.
  explicit BatchDecoder(DecodeLimits limits = {});
  ~BatchDecoder();
  BatchDecoder(const BatchDecoder&) = delete;
  BatchDecoder& operator=(const BatchDecoder&) = delete;

  // Adds a zstd dictionary (e.g. one an older client shipped) and returns
  // its id. kInvalidArgument if it is not a zstd dictionary. Not to be
  // called while another thread decodes.
  absl::StatusOr<uint32_t> AddDictionary(absl::string_view dictionary);

  absl::StatusOr<DecodedBatch> Decode(absl::string_view body) const;

  const DecodeLimits& limits() const { return limits_; }

 private:
  absl::StatusOr<std::string> Decompress(const proto::BatchHeader& header,
                                         absl::string_view payload) const;

  DecodeLimits limits_;
  std::map<uint32_t, ZSTD_DDict_s*> dictionaries_;
};

// The id of the dictionary the library ships.
uint32_t ShippedDictionaryId();

}  // namespace telegate::collector

#endif  // TELEGATE_EXAMPLES_COLLECTOR_BATCH_DECODER_H_
