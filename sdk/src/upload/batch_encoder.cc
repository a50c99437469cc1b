#include "upload/batch_encoder.h"

// ZSTD_createCCtx_advanced and ZSTD_customMem (zstd's allocator hooks).
#define ZSTD_STATIC_LINKING_ONLY
#include <zstd.h>

#include <utility>

#include "absl/strings/str_cat.h"
#include "upload/dictionary.h"

namespace telegate::upload_internal {

namespace {

template <typename String>
void AppendVarint(uint64_t v, String* out) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

size_t VarintSize(uint64_t v) {
  size_t n = 1;
  while (v >= 0x80) {
    v >>= 7;
    ++n;
  }
  return n;
}

// zstd's working memory in secure memory. zstd frees without a size: each
// block starts with a header holding it.
constexpr size_t kZstdHeader = 16;  // keeps the block 16-byte aligned

void* ZstdAllocate(void*, size_t size) {
  void* p = util_internal::SecureAllocate(size + kZstdHeader);
  if (p == nullptr) return nullptr;
  *static_cast<size_t*>(p) = size;
  return static_cast<char*>(p) + kZstdHeader;
}

void ZstdFree(void*, void* block) {
  if (block == nullptr) return;
  char* p = static_cast<char*>(block) - kZstdHeader;
  util_internal::SecureDeallocate(p,
                                  *reinterpret_cast<size_t*>(p) + kZstdHeader);
}

absl::Status ZstdError(size_t code, absl::string_view what) {
  return absl::InternalError(
      absl::StrCat("zstd ", what, ": ", ZSTD_getErrorName(code)));
}

}  // namespace

absl::StatusOr<std::unique_ptr<BatchEncoder>> BatchEncoder::Create(
    Mode mode, int level, absl::string_view dictionary) {
  std::unique_ptr<BatchEncoder> encoder(new BatchEncoder(mode));
  if (mode == Mode::kNone) return encoder;
  encoder->cctx_ =
      ZSTD_createCCtx_advanced(ZSTD_customMem{ZstdAllocate, ZstdFree, nullptr});
  if (encoder->cctx_ == nullptr) {
    return absl::ResourceExhaustedError("cannot create a zstd context");
  }
  if (mode == Mode::kDictionary) {
    absl::string_view dict =
        dictionary.empty() ? EventDictionary() : dictionary;
    encoder->cdict_ = ZSTD_createCDict(dict.data(), dict.size(), level);
    encoder->dictionary_id_ = ZSTD_getDictID_fromDict(dict.data(), dict.size());
    if (encoder->cdict_ == nullptr || encoder->dictionary_id_ == 0) {
      return absl::InternalError("cannot load the zstd dictionary");
    }
  }
  ZSTD_CCtx* cctx = encoder->cctx_;
  for (auto [param, value] :
       {std::pair{ZSTD_c_compressionLevel, level},
        std::pair{ZSTD_c_checksumFlag, 1}, std::pair{ZSTD_c_contentSizeFlag, 1},
        std::pair{ZSTD_c_dictIDFlag, 1}}) {
    size_t rc = ZSTD_CCtx_setParameter(cctx, param, value);
    if (ZSTD_isError(rc)) return ZstdError(rc, "setParameter");
  }
  return encoder;
}

BatchEncoder::~BatchEncoder() {
  ZSTD_freeCDict(cdict_);
  ZSTD_freeCCtx(cctx_);  // its working memory is wiped as it is released
}

void BatchEncoder::Clear() {
  raw_.Wipe();
  events_ = 0;
}

void BatchEncoder::Add(absl::string_view serialized_event) {
  raw_.push_back(static_cast<char>(0x0a));  // EventBatch.events, field 1
  AppendVarint(serialized_event.size(), &raw_);
  raw_.append(serialized_event.data(), serialized_event.size());
  ++events_;
}

absl::StatusOr<std::string> BatchEncoder::Finish(proto::BatchHeader header) {
  header.set_format_version(kBatchFormatVersion);
  header.set_uncompressed_size(raw_.size());
  header.set_event_count(static_cast<uint32_t>(events_));
  absl::string_view payload = raw_;
  if (mode_ == Mode::kNone) {
    header.set_compression(proto::COMPRESSION_NONE);
  } else {
    header.set_compression(proto::COMPRESSION_ZSTD);
    header.set_dictionary_id(dictionary_id_);
    ZSTD_CCtx_reset(cctx_, ZSTD_reset_session_only);
    size_t rc = ZSTD_CCtx_refCDict(cctx_, cdict_);  // null: no dictionary
    if (ZSTD_isError(rc)) return ZstdError(rc, "refCDict");
    rc = ZSTD_CCtx_setPledgedSrcSize(cctx_, raw_.size());
    if (ZSTD_isError(rc)) return ZstdError(rc, "setPledgedSrcSize");
    compressed_.resize(ZSTD_compressBound(raw_.size()));
    size_t n = ZSTD_compress2(cctx_, &compressed_[0], compressed_.size(),
                              raw_.data(), raw_.size());
    if (ZSTD_isError(n)) return ZstdError(n, "compress");
    payload = absl::string_view(compressed_.data(), n);
  }
  // UploadBody, field by field (the generated serializer's bytes): the
  // header, then the payload — written once into a string of exact size.
  const std::string head = header.SerializeAsString();
  size_t size = 1 + VarintSize(head.size()) + head.size();
  if (!payload.empty()) size += 1 + VarintSize(payload.size()) + payload.size();
  std::string out;
  out.reserve(size);
  out.push_back(static_cast<char>(0x0a));  // UploadBody.header, field 1
  AppendVarint(head.size(), &out);
  out.append(head);
  if (!payload.empty()) {
    out.push_back(static_cast<char>(0x12));  // UploadBody.payload, field 2
    AppendVarint(payload.size(), &out);
    out.append(payload.data(), payload.size());
  }
  compressed_.Wipe();
  Clear();
  return out;
}

}  // namespace telegate::upload_internal
