#include "upload/verdict.h"

#include "gtest/gtest.h"
#include "telegate/batch.pb.h"

namespace telegate::upload_internal {
namespace {

const std::string kBatchId(16, '\x42');

std::string Ack(const std::string& id) {
  proto::BatchAck ack;
  ack.set_batch_id(id);
  ack.set_accepted(3);
  return ack.SerializeAsString();
}

UploadResponse Response(int status, std::string body = "") {
  UploadResponse r;
  r.http_status = status;
  r.body = std::move(body);
  return r;
}

TEST(VerdictTest, OnlyAnAckOfThisBatchAcknowledges) {
  EXPECT_EQ(ClassifyResponse(Response(200, Ack(kBatchId)), kBatchId),
            UploadVerdict::kAcknowledged);
  EXPECT_EQ(ClassifyResponse(Response(202, Ack(kBatchId)), kBatchId),
            UploadVerdict::kAcknowledged);
  // 2xx without the acknowledgement: a proxy or portal, not the collector.
  EXPECT_EQ(ClassifyResponse(Response(200), kBatchId), UploadVerdict::kRetry);
  EXPECT_EQ(ClassifyResponse(Response(200, "<html>welcome</html>"), kBatchId),
            UploadVerdict::kRetry);
  EXPECT_EQ(ClassifyResponse(Response(200, Ack(std::string(16, 'x'))), kBatchId),
            UploadVerdict::kRetry);
  EXPECT_EQ(ClassifyResponse(Response(204, Ack(kBatchId)), ""),
            UploadVerdict::kRetry);
}

TEST(VerdictTest, ServerTroubleAndThrottlingAreRetried) {
  for (int status : {0, 408, 425, 429, 500, 502, 503, 504, 599, 100, 301, 302,
                     304, 600, 999, -1}) {
    EXPECT_EQ(ClassifyResponse(Response(status, Ack(kBatchId)), kBatchId),
              UploadVerdict::kRetry)
        << status;
  }
}

TEST(VerdictTest, OtherClientErrorsArePermanentRejections) {
  for (int status : {400, 401, 403, 404, 410, 413, 415, 422, 499}) {
    EXPECT_EQ(ClassifyResponse(Response(status), kBatchId),
              UploadVerdict::kRejected)
        << status;
  }
}

}  // namespace
}  // namespace telegate::upload_internal
