// The collector's decoder refuses every bad body with a clear error and no
// crash: malformed, truncated, oversized (decompression bombs) and
// wrong-dictionary bodies.
#include "batch_decoder.h"

#include <zdict.h>
#include <zstd.h>

#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "telegate/batch.pb.h"
#include "upload/batch_encoder.h"
#include "upload/dictionary.h"

namespace telegate::collector {
namespace {

using upload_internal::BatchEncoder;
using ::testing::HasSubstr;

proto::Event MakeEvent(int i) {
  proto::Event e;
  e.set_id(std::string(15, 'i') + static_cast<char>(i));
  e.set_category("log.search");
  e.set_name("search");
  e.set_capture_time_ms(1800000000000 + i);
  proto::Attribute* a = e.add_attributes();
  a->set_key("query");
  a->set_string_value(absl::StrCat("red shoes ", i));
  return e;
}

proto::BatchHeader Header() {
  proto::BatchHeader h;
  h.set_batch_id(std::string(16, '\x07'));
  h.set_region("CN");
  return h;
}

std::string Body(BatchEncoder::Mode mode, int events,
                 absl::string_view dictionary = {}) {
  auto encoder = BatchEncoder::Create(mode, 3, dictionary);
  EXPECT_TRUE(encoder.ok());
  for (int i = 0; i < events; ++i) {
    (*encoder)->Add(MakeEvent(i).SerializeAsString());
  }
  return *(*encoder)->Finish(Header());
}

// A body whose header and payload the test writes itself.
std::string RawBody(const proto::BatchHeader& header, const std::string& payload) {
  proto::UploadBody body;
  *body.mutable_header() = header;
  body.set_payload(payload);
  return body.SerializeAsString();
}

std::string Refusal(const BatchDecoder& decoder, const std::string& body) {
  absl::StatusOr<DecodedBatch> batch = decoder.Decode(body);
  EXPECT_FALSE(batch.ok()) << "accepted a bad body";
  if (batch.ok()) return "";
  EXPECT_EQ(batch.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(batch.status().message());
}

// A dictionary trained on other samples; `id` 0 lets zstd pick one.
std::string OtherDictionary(unsigned id) {
  std::string samples;
  std::vector<size_t> sizes;
  for (int i = 0; i < 600; ++i) {
    std::string s = absl::StrCat("{\"unrelated\":", i * 7919 % 1000,
                                 ",\"text\":\"lorem ipsum ", i % 13, "\"}");
    sizes.push_back(s.size());
    samples += s;
  }
  std::string dict(4096, '\0');
  ZDICT_params_t params = {};
  params.compressionLevel = 3;
  params.dictID = id;
  size_t n = ZDICT_finalizeDictionary(&dict[0], dict.size(), samples.data(),
                                      std::min<size_t>(samples.size(), 2048),
                                      samples.data(), sizes.data(),
                                      static_cast<unsigned>(sizes.size()), params);
  EXPECT_FALSE(ZDICT_isError(n)) << ZDICT_getErrorName(n);
  dict.resize(ZDICT_isError(n) ? 0 : n);
  return dict;
}

TEST(BatchDecoderTest, DecodesWhatTheClientSendsInEveryMode) {
  BatchDecoder decoder;
  EXPECT_EQ(ShippedDictionaryId(), upload_internal::EventDictionaryId());
  for (BatchEncoder::Mode mode :
       {BatchEncoder::Mode::kDictionary, BatchEncoder::Mode::kPlain,
        BatchEncoder::Mode::kNone}) {
    absl::StatusOr<DecodedBatch> batch = decoder.Decode(Body(mode, 50));
    ASSERT_TRUE(batch.ok()) << batch.status();
    ASSERT_EQ(batch->events.size(), 50u);
    EXPECT_EQ(batch->events[49].attributes(0).string_value(), "red shoes 49");
    EXPECT_EQ(batch->header.event_count(), 50u);
    EXPECT_EQ(batch->header.region(), "CN");
  }
  EXPECT_EQ(decoder.Decode(Body(BatchEncoder::Mode::kDictionary, 1))
                ->header.dictionary_id(),
            ShippedDictionaryId());
}

TEST(BatchDecoderTest, RefusesMalformedBodies) {
  BatchDecoder decoder;
  EXPECT_THAT(Refusal(decoder, ""), HasSubstr("empty body"));
  EXPECT_THAT(Refusal(decoder, "\xff\xff\xff\xff garbage"),
              HasSubstr("malformed protobuf"));
  EXPECT_THAT(Refusal(decoder, RawBody(proto::BatchHeader(), "")),
              HasSubstr("format version"));
  proto::UploadBody no_header;
  no_header.set_payload("x");
  EXPECT_THAT(Refusal(decoder, no_header.SerializeAsString()),
              HasSubstr("no batch header"));

  proto::BatchHeader h = Header();
  h.set_format_version(1);
  h.set_batch_id("short");
  EXPECT_THAT(Refusal(decoder, RawBody(h, "")), HasSubstr("batch id"));
  h = Header();
  h.set_format_version(1);
  h.set_compression(static_cast<proto::Compression>(42));
  EXPECT_THAT(Refusal(decoder, RawBody(h, "")), HasSubstr("unknown compression"));

  // Consistent envelope, inconsistent contents.
  proto::EventBatch events;
  *events.add_events() = MakeEvent(1);
  h = Header();
  h.set_format_version(1);
  h.set_compression(proto::COMPRESSION_NONE);
  h.set_uncompressed_size(events.ByteSizeLong());
  h.set_event_count(2);
  EXPECT_THAT(Refusal(decoder, RawBody(h, events.SerializeAsString())),
              HasSubstr("header counts 2 events"));
  events.mutable_events(0)->set_id("");
  h.set_event_count(1);
  h.set_uncompressed_size(events.ByteSizeLong());
  EXPECT_THAT(Refusal(decoder, RawBody(h, events.SerializeAsString())),
              HasSubstr("16-byte id"));
  h.set_uncompressed_size(3);
  EXPECT_THAT(Refusal(decoder, RawBody(h, "\x0a\xff\x01")),
              HasSubstr("not an EventBatch"));
}

// A deletion request's body: a header with no events, the request, and
// `events` events in the payload (0 for a well-formed one).
std::string DeletionBody(const std::vector<std::string>& ids, int events = 0) {
  proto::EventBatch batch;
  for (int i = 0; i < events; ++i) *batch.add_events() = MakeEvent(i);
  proto::BatchHeader header = Header();
  header.set_format_version(1);
  header.set_compression(proto::COMPRESSION_NONE);
  header.set_event_count(events);
  std::string payload = batch.SerializeAsString();
  header.set_uncompressed_size(payload.size());
  proto::UploadBody body;
  *body.mutable_header() = header;
  body.set_payload(payload);
  for (const std::string& id : ids) {
    body.mutable_deletion_request()->add_install_ids(id);
  }
  body.mutable_deletion_request()->set_requested_ms(1800000000000);
  return body.SerializeAsString();
}

TEST(BatchDecoderTest, DecodesADeletionRequestAndRefusesBadOnes) {
  BatchDecoder decoder;
  absl::StatusOr<DecodedBatch> ok = decoder.Decode(DeletionBody({"id-1", "id-2"}));
  ASSERT_TRUE(ok.ok()) << ok.status();
  ASSERT_TRUE(ok->deletion_request.has_value());
  EXPECT_EQ(ok->deletion_request->install_ids_size(), 2);
  EXPECT_TRUE(ok->events.empty());
  EXPECT_FALSE(decoder.Decode(Body(BatchEncoder::Mode::kDictionary, 2))
                   ->deletion_request.has_value());

  EXPECT_THAT(Refusal(decoder, DeletionBody({"id-1"}, 2)),
              HasSubstr("holds events"));
  EXPECT_THAT(Refusal(decoder, DeletionBody({})), HasSubstr("0 install ids"));
  EXPECT_THAT(Refusal(decoder, DeletionBody({""})), HasSubstr("empty or too long"));
  EXPECT_THAT(Refusal(decoder, DeletionBody({std::string(65, 'x')})),
              HasSubstr("empty or too long"));
  EXPECT_THAT(Refusal(decoder, DeletionBody(std::vector<std::string>(101, "x"))),
              HasSubstr("101 install ids"));
}

TEST(BatchDecoderTest, RefusesEveryTruncation) {
  BatchDecoder decoder;
  const std::string body = Body(BatchEncoder::Mode::kDictionary, 20);
  for (size_t n = 0; n < body.size(); ++n) {
    EXPECT_FALSE(decoder.Decode(body.substr(0, n)).ok()) << n;
  }
  // Trailing bytes after the zstd frame are refused too.
  proto::UploadBody upload;
  ASSERT_TRUE(upload.ParseFromString(body));
  upload.mutable_payload()->append("tail");
  EXPECT_THAT(Refusal(decoder, upload.SerializeAsString()),
              HasSubstr("after its zstd frame"));
  // And a cut payload says so.
  ASSERT_TRUE(upload.ParseFromString(body));
  upload.mutable_payload()->resize(upload.payload().size() - 5);
  EXPECT_THAT(Refusal(decoder, upload.SerializeAsString()),
              HasSubstr("truncated or malformed zstd frame"));
}

TEST(BatchDecoderTest, RefusesDecompressionBombs) {
  DecodeLimits limits;
  limits.max_body_bytes = 1 << 20;
  limits.max_uncompressed_bytes = 4 << 20;
  BatchDecoder decoder(limits);
  // 64 MiB of zeros compress to a few kilobytes.
  const std::string zeros(64 << 20, '\0');
  std::string frame(ZSTD_compressBound(zeros.size()), '\0');
  frame.resize(ZSTD_compress(&frame[0], frame.size(), zeros.data(),
                             zeros.size(), 3));
  ASSERT_LT(frame.size(), limits.max_body_bytes);
  proto::BatchHeader h = Header();
  h.set_format_version(1);
  h.set_compression(proto::COMPRESSION_ZSTD);
  // Declared honestly: over the limit.
  h.set_uncompressed_size(zeros.size());
  EXPECT_THAT(Refusal(decoder, RawBody(h, frame)),
              HasSubstr("decompression bomb"));
  // Declared small: the frame's own size gives it away.
  h.set_uncompressed_size(1000);
  EXPECT_THAT(Refusal(decoder, RawBody(h, frame)), HasSubstr("frame declares"));

  // A frame that does not declare its size is refused before inflating.
  ZSTD_CCtx* cctx = ZSTD_createCCtx();
  ZSTD_CCtx_setParameter(cctx, ZSTD_c_contentSizeFlag, 0);
  std::string streamed(ZSTD_compressBound(1 << 20), '\0');
  ZSTD_outBuffer out = {&streamed[0], streamed.size(), 0};
  ZSTD_inBuffer in = {zeros.data(), size_t{1} << 20, 0};
  ASSERT_EQ(ZSTD_compressStream2(cctx, &out, &in, ZSTD_e_end), 0u);
  ZSTD_freeCCtx(cctx);
  streamed.resize(out.pos);
  h.set_uncompressed_size(1 << 20);
  EXPECT_THAT(Refusal(decoder, RawBody(h, streamed)),
              HasSubstr("does not declare its content size"));

  // A body over the byte limit is refused unread.
  EXPECT_THAT(Refusal(decoder, std::string(limits.max_body_bytes + 1, 'x')),
              HasSubstr("larger than the limit"));
}

TEST(BatchDecoderTest, RefusesTheWrongDictionary) {
  BatchDecoder decoder;
  // Compressed with a dictionary the collector does not know.
  const std::string other = OtherDictionary(0);
  ASSERT_FALSE(other.empty());
  const std::string body = Body(BatchEncoder::Mode::kDictionary, 5, other);
  EXPECT_THAT(Refusal(decoder, body), HasSubstr("unknown dictionary id"));

  // The header names the shipped dictionary, the frame another one.
  proto::UploadBody upload;
  ASSERT_TRUE(upload.ParseFromString(body));
  upload.mutable_header()->set_dictionary_id(ShippedDictionaryId());
  EXPECT_THAT(Refusal(decoder, upload.SerializeAsString()),
              HasSubstr("wrong dictionary"));

  // The header claims no dictionary for a frame that needs one.
  upload.mutable_header()->set_dictionary_id(0);
  EXPECT_THAT(Refusal(decoder, upload.SerializeAsString()),
              HasSubstr("wrong dictionary"));

  // A forged dictionary that carries the shipped id: the content does not
  // match, and decompression (checksummed) fails cleanly.
  const std::string forged = OtherDictionary(ShippedDictionaryId());
  ASSERT_FALSE(forged.empty());
  EXPECT_THAT(Refusal(decoder, Body(BatchEncoder::Mode::kDictionary, 5, forged)),
              HasSubstr("zstd decompression failed"));

  // Once the collector knows the other dictionary, the first body decodes.
  ASSERT_TRUE(decoder.AddDictionary(other).ok());
  EXPECT_TRUE(decoder.Decode(body).ok());
  EXPECT_FALSE(decoder.AddDictionary("not a dictionary").ok());
}

TEST(BatchDecoderTest, SurvivesRandomCorruption) {
  BatchDecoder decoder;
  const std::string body = Body(BatchEncoder::Mode::kDictionary, 30);
  std::mt19937 rng(12345);
  int refused = 0;
  for (int round = 0; round < 2000; ++round) {
    std::string bad = body;
    int flips = 1 + static_cast<int>(rng() % 4);
    for (int i = 0; i < flips; ++i) {
      bad[rng() % bad.size()] ^= static_cast<char>(1 + rng() % 255);
    }
    absl::StatusOr<DecodedBatch> batch = decoder.Decode(bad);
    if (!batch.ok()) {
      ++refused;
      EXPECT_FALSE(batch.status().message().empty());
    }
  }
  // The checksum and the checks catch nearly every corruption.
  EXPECT_GT(refused, 1900);
}

}  // namespace
}  // namespace telegate::collector
