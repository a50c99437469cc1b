#include "upload/verdict.h"

#include "telegate/batch.pb.h"

namespace telegate::upload_internal {

UploadVerdict ClassifyResponse(const UploadResponse& response,
                               absl::string_view batch_id) {
  const int status = response.http_status;
  if (status >= 200 && status <= 299) {
    proto::BatchAck ack;
    if (!response.body.empty() && response.body.size() <= kMaxUploadResponseBytes &&
        ack.ParseFromString(response.body) && !batch_id.empty() &&
        ack.batch_id() == batch_id) {
      return UploadVerdict::kAcknowledged;
    }
    return UploadVerdict::kRetry;
  }
  if (status >= 400 && status <= 499 && status != 408 && status != 425 &&
      status != 429) {
    return UploadVerdict::kRejected;
  }
  return UploadVerdict::kRetry;
}

}  // namespace telegate::upload_internal
