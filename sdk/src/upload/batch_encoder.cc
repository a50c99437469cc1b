#include "upload/batch_encoder.h"

#include <openssl/crypto.h>
#include <zstd.h>

#include <utility>

#include "absl/strings/str_cat.h"
#include "upload/dictionary.h"

namespace telegate::upload_internal {

namespace {

void AppendVarint(uint64_t v, std::string* out) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

void Wipe(std::string* s) {
  if (!s->empty()) OPENSSL_cleanse(&(*s)[0], s->size());
  s->clear();
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
  encoder->cctx_ = ZSTD_createCCtx();
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
  Clear();
  Wipe(&compressed_);
  ZSTD_freeCDict(cdict_);
  ZSTD_freeCCtx(cctx_);
}

void BatchEncoder::Clear() {
  Wipe(&raw_);
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
  proto::UploadBody body;
  if (mode_ == Mode::kNone) {
    header.set_compression(proto::COMPRESSION_NONE);
    body.set_payload(raw_);
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
    body.set_payload(compressed_.data(), n);
    Wipe(&compressed_);
  }
  *body.mutable_header() = std::move(header);
  std::string out = body.SerializeAsString();
  Wipe(body.mutable_payload());
  Clear();
  return out;
}

}  // namespace telegate::upload_internal
