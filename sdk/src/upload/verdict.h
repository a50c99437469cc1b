// ClassifyResponse: what a transport's report means for a batch (the core
// decides; the transport only reports what came back).
//
//   UploadVerdict v = ClassifyResponse(response, batch_id);
#ifndef TELEGATE_UPLOAD_VERDICT_H_
#define TELEGATE_UPLOAD_VERDICT_H_

#include "absl/strings/string_view.h"
#include "telegate/upload.h"

namespace telegate::upload_internal {

// kAcknowledged: 2xx whose body is a BatchAck naming `batch_id`.
// kRejected: a 4xx other than 408, 425 and 429.
// kRetry: everything else — no response, 408/425/429, 5xx, 1xx/3xx or an
// unknown status, and a 2xx without a valid acknowledgement (a proxy or
// captive portal answering in the collector's place).
// Never returns kDiscarded.
UploadVerdict ClassifyResponse(const UploadResponse& response,
                               absl::string_view batch_id);

}  // namespace telegate::upload_internal

#endif  // TELEGATE_UPLOAD_VERDICT_H_
