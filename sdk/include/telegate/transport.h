// Transport: the host's HTTP stack, as the upload driver sees it.
//
// Android implements it over OkHttp, iOS over URLSession, desktop over
// libcurl (telegate/desktop/curl_transport.h). A transport only moves bytes:
// which batch goes where, and what an answer means, is the client's call.
//
//   class MyTransport : public telegate::Transport {
//    public:
//     telegate::UploadResponse Send(const telegate::UploadRequest& r) override;
//   };
#ifndef TELEGATE_TRANSPORT_H_
#define TELEGATE_TRANSPORT_H_

#include "telegate/export.h"
#include "telegate/upload.h"

namespace telegate {

// Implementations must be thread-safe if the host sends from several
// threads at once.
class TELEGATE_EXPORT Transport {
 public:
  virtual ~Transport() = default;

  // POSTs request.body to request.url with request.headers and blocks until
  // the exchange is over; returns what came back (see UploadResponse).
  // Requirements:
  //   - never follow a redirect (the next hop may be in another region);
  //   - stop promptly once request.control->cancel_requested() turns true
  //     (SetCancelHandler can wake a blocked wait), returning
  //     http_status 0;
  //   - read at most kMaxUploadResponseBytes of the answer.
  // The caller has already called request.control->BeginSend().
  virtual UploadResponse Send(const UploadRequest& request) = 0;
};

}  // namespace telegate

#endif  // TELEGATE_TRANSPORT_H_
