// BatchEncoder: turns stored events into an upload body — the events framed
// into an EventBatch, compressed as one zstd frame (content size, checksum
// and dictionary id in the frame), wrapped in an UploadBody whose header
// names the dictionary.
//
// The batch, its compressed form and zstd's own working memory (which keeps
// literals of the last batch) are in secure memory (util/secure_memory.h):
// wiped when released; destroying the encoder releases all of it.
//
//   TELEGATE_ASSIGN_OR_RETURN(auto encoder, BatchEncoder::Create(
//       BatchEncoder::Mode::kDictionary, 3));
//   for (const StoredEvent& e : events) encoder->Add(e.payload);
//   TELEGATE_ASSIGN_OR_RETURN(std::string body, encoder->Finish(header));
#ifndef TELEGATE_UPLOAD_BATCH_ENCODER_H_
#define TELEGATE_UPLOAD_BATCH_ENCODER_H_

#include <cstddef>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "telegate/batch.pb.h"
#include "util/secure_memory.h"

struct ZSTD_CCtx_s;
struct ZSTD_CDict_s;

namespace telegate::upload_internal {

inline constexpr char kBatchContentType[] = "application/x-telegate-batch";
inline constexpr uint32_t kBatchFormatVersion = 1;

// Thread-compatible; reusable for many batches.
class BatchEncoder {
 public:
  enum class Mode {
    kDictionary,  // zstd with the shipped dictionary (what the client sends)
    kPlain,       // zstd without a dictionary (for comparison)
    kNone,        // no compression (for comparison)
  };

  // With kDictionary, `dictionary` replaces the shipped one when not empty
  // (the benchmark compares dictionaries this way).
  static absl::StatusOr<std::unique_ptr<BatchEncoder>> Create(
      Mode mode, int level, absl::string_view dictionary = {});
  ~BatchEncoder();
  BatchEncoder(const BatchEncoder&) = delete;
  BatchEncoder& operator=(const BatchEncoder&) = delete;

  // Forgets the current batch (its bytes are wiped).
  void Clear();
  // Appends one serialized telegate.proto.Event.
  void Add(absl::string_view serialized_event);
  size_t event_count() const { return events_; }
  // Bytes of the serialized EventBatch so far (before compression).
  size_t raw_size() const { return raw_.size(); }

  // Compresses the batch and returns a serialized UploadBody, in one
  // allocation of its exact size (the copy handed to the host). Fills in
  // the header's format_version, compression, dictionary_id,
  // uncompressed_size and event_count; the caller sets the rest. Clears the
  // batch.
  absl::StatusOr<std::string> Finish(proto::BatchHeader header);

 private:
  explicit BatchEncoder(Mode mode) : mode_(mode) {}

  const Mode mode_;
  ZSTD_CCtx_s* cctx_ = nullptr;
  ZSTD_CDict_s* cdict_ = nullptr;
  uint32_t dictionary_id_ = 0;
  util_internal::SecureString raw_;
  util_internal::SecureString compressed_;
  size_t events_ = 0;
};

}  // namespace telegate::upload_internal

#endif  // TELEGATE_UPLOAD_BATCH_ENCODER_H_
