#include "batch_decoder.h"

#include <zstd.h>

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"

namespace telegate::dictionary_internal {
extern const unsigned char kEventDictionary[];
extern const std::size_t kEventDictionarySize;
}  // namespace telegate::dictionary_internal

namespace telegate::collector {

namespace {

constexpr uint32_t kFormatVersion = 1;
constexpr size_t kIdSize = 16;
// Largest zstd window the collector accepts (32 MiB): a frame asking for
// more memory is refused before anything is allocated for it.
constexpr int kWindowLogMax = 25;
// A deletion request retires a few install ids (UUIDs).
constexpr int kMaxRetiredIds = 100;
constexpr size_t kMaxInstallIdSize = 64;
// The header's strings (region, app id, SDK version) are short names; they
// become OTLP resource attributes when the collector forwards.
constexpr size_t kMaxHeaderStringSize = 256;

absl::Status Bad(absl::string_view message) {
  return absl::InvalidArgumentError(message);
}

}  // namespace

uint32_t ShippedDictionaryId() {
  return ZSTD_getDictID_fromDict(dictionary_internal::kEventDictionary,
                                 dictionary_internal::kEventDictionarySize);
}

BatchDecoder::BatchDecoder(DecodeLimits limits) : limits_(limits) {
  absl::StatusOr<uint32_t> id = AddDictionary(absl::string_view(
      reinterpret_cast<const char*>(dictionary_internal::kEventDictionary),
      dictionary_internal::kEventDictionarySize));
  (void)id;  // the shipped dictionary is valid (checked by the tests)
}

BatchDecoder::~BatchDecoder() {
  for (auto& [id, ddict] : dictionaries_) ZSTD_freeDDict(ddict);
}

absl::StatusOr<uint32_t> BatchDecoder::AddDictionary(
    absl::string_view dictionary) {
  uint32_t id = ZSTD_getDictID_fromDict(dictionary.data(), dictionary.size());
  if (id == 0) return Bad("not a zstd dictionary (no dictionary id)");
  ZSTD_DDict* ddict = ZSTD_createDDict(dictionary.data(), dictionary.size());
  if (ddict == nullptr) return Bad("cannot load the zstd dictionary");
  auto [it, inserted] = dictionaries_.emplace(id, ddict);
  if (!inserted) {
    ZSTD_freeDDict(it->second);
    it->second = ddict;
  }
  return id;
}

absl::StatusOr<std::string> BatchDecoder::Decompress(
    const proto::BatchHeader& header, absl::string_view payload) const {
  const ZSTD_DDict* ddict = nullptr;
  if (header.dictionary_id() != 0) {
    auto it = dictionaries_.find(header.dictionary_id());
    if (it == dictionaries_.end()) {
      return Bad(
          absl::StrCat("unknown dictionary id ", header.dictionary_id()));
    }
    ddict = it->second;
  }
  size_t frame = ZSTD_findFrameCompressedSize(payload.data(), payload.size());
  if (ZSTD_isError(frame)) {
    return Bad(absl::StrCat("truncated or malformed zstd frame (",
                            ZSTD_getErrorName(frame), ")"));
  }
  if (frame != payload.size()) {
    return Bad(absl::StrCat("payload has ", payload.size() - frame,
                            " bytes after its zstd frame"));
  }
  unsigned frame_dict =
      ZSTD_getDictID_fromFrame(payload.data(), payload.size());
  if (frame_dict != header.dictionary_id()) {
    return Bad(absl::StrCat(
        "wrong dictionary: the zstd frame was compressed "
        "with dictionary id ",
        frame_dict, ", the header names ", header.dictionary_id()));
  }
  unsigned long long declared =  // NOLINT(runtime/int): zstd's type
      ZSTD_getFrameContentSize(payload.data(), payload.size());
  if (declared == ZSTD_CONTENTSIZE_ERROR)
    return Bad("malformed zstd frame header");
  if (declared == ZSTD_CONTENTSIZE_UNKNOWN) {
    return Bad("zstd frame does not declare its content size");
  }
  if (declared != header.uncompressed_size()) {
    return Bad(absl::StrCat("zstd frame declares ", declared,
                            " bytes, the header ", header.uncompressed_size()));
  }
  std::unique_ptr<ZSTD_DCtx, size_t (*)(ZSTD_DCtx*)> dctx(ZSTD_createDCtx(),
                                                          ZSTD_freeDCtx);
  if (!dctx)
    return absl::ResourceExhaustedError("cannot create a zstd context");
  ZSTD_DCtx_setParameter(dctx.get(), ZSTD_d_windowLogMax, kWindowLogMax);
  if (ddict != nullptr) ZSTD_DCtx_refDDict(dctx.get(), ddict);
  // `declared` is within the limit (checked against the header's size).
  std::string out(static_cast<size_t>(declared), '\0');
  size_t n = ZSTD_decompressDCtx(dctx.get(), out.empty() ? nullptr : &out[0],
                                 out.size(), payload.data(), payload.size());
  if (ZSTD_isError(n)) {
    return Bad(
        absl::StrCat("zstd decompression failed (", ZSTD_getErrorName(n), ")"));
  }
  if (n != out.size()) {
    return Bad(absl::StrCat("zstd frame inflated to ", n, " bytes, not the ",
                            out.size(), " it declared"));
  }
  return out;
}

absl::StatusOr<DecodedBatch> BatchDecoder::Decode(
    absl::string_view body) const {
  if (body.empty()) return Bad("empty body");
  if (body.size() > limits_.max_body_bytes) {
    return Bad(absl::StrCat("body of ", body.size(),
                            " bytes is larger than the limit of ",
                            limits_.max_body_bytes));
  }
  proto::UploadBody upload;
  if (!upload.ParseFromArray(body.data(), static_cast<int>(body.size()))) {
    return Bad("body is not a telegate UploadBody (malformed protobuf)");
  }
  if (!upload.has_header()) return Bad("body has no batch header");
  DecodedBatch batch;
  batch.header = upload.header();
  const proto::BatchHeader& header = batch.header;
  if (header.format_version() != kFormatVersion) {
    return Bad(absl::StrCat("unsupported batch format version ",
                            header.format_version()));
  }
  if (header.batch_id().size() != kIdSize) {
    return Bad("batch id must be 16 bytes");
  }
  if (header.region().size() > kMaxHeaderStringSize ||
      header.app_id().size() > kMaxHeaderStringSize ||
      header.sdk_version().size() > kMaxHeaderStringSize) {
    return Bad(
        absl::StrCat("a header string (region, app id, SDK version) "
                     "is longer than ",
                     kMaxHeaderStringSize, " bytes"));
  }
  if (header.uncompressed_size() > limits_.max_uncompressed_bytes) {
    return Bad(absl::StrCat("batch declares ", header.uncompressed_size(),
                            " uncompressed bytes, more than the limit of ",
                            limits_.max_uncompressed_bytes,
                            " (decompression bomb?)"));
  }
  std::string raw;
  switch (header.compression()) {
    case proto::COMPRESSION_NONE:
      if (header.dictionary_id() != 0) {
        return Bad("an uncompressed batch names a dictionary");
      }
      if (upload.payload().size() != header.uncompressed_size()) {
        return Bad("uncompressed payload size differs from the header's");
      }
      raw = std::move(*upload.mutable_payload());
      break;
    case proto::COMPRESSION_ZSTD: {
      absl::StatusOr<std::string> inflated =
          Decompress(header, upload.payload());
      if (!inflated.ok()) return inflated.status();
      raw = *std::move(inflated);
      break;
    }
    default:
      return Bad(absl::StrCat("unknown compression ",
                              static_cast<int>(header.compression())));
  }
  proto::EventBatch events;
  if (!events.ParseFromString(raw)) {
    return Bad("payload is not an EventBatch (malformed protobuf)");
  }
  if (static_cast<size_t>(events.events_size()) > limits_.max_events) {
    return Bad(absl::StrCat("batch holds ", events.events_size(),
                            " events, more than the limit of ",
                            limits_.max_events));
  }
  if (static_cast<uint32_t>(events.events_size()) != header.event_count()) {
    return Bad(absl::StrCat("header counts ", header.event_count(),
                            " events, the batch holds ", events.events_size()));
  }
  if (upload.has_deletion_request()) {
    const proto::DeletionRequest& request = upload.deletion_request();
    if (events.events_size() != 0) {
      return Bad("a deletion request's body holds events");
    }
    if (request.install_ids_size() == 0 ||
        request.install_ids_size() > kMaxRetiredIds) {
      return Bad(absl::StrCat("a deletion request names ",
                              request.install_ids_size(), " install ids (1 to ",
                              kMaxRetiredIds, ")"));
    }
    for (const std::string& id : request.install_ids()) {
      if (id.empty() || id.size() > kMaxInstallIdSize) {
        return Bad("a deletion request's install id is empty or too long");
      }
    }
    batch.deletion_request = request;
    return batch;
  }
  batch.events.reserve(events.events_size());
  for (int i = 0; i < events.events_size(); ++i) {
    const proto::Event& e = events.events(i);
    if (e.id().size() != kIdSize) {
      return Bad(absl::StrCat("event ", i, " has no 16-byte id"));
    }
    if (e.category().empty() || e.name().empty()) {
      return Bad(absl::StrCat("event ", i, " has no category or name"));
    }
    batch.events.push_back(e);
  }
  return batch;
}

}  // namespace telegate::collector
