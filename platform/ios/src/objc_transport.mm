#include "objc_transport.h"

#include <algorithm>
#include <string>

#include "absl/strings/str_cat.h"
#include "objc_memory.h"
#include "seam_guard.h"
#include "string_convert.h"
#include "value_bridge.h"

namespace telegate::ios_internal {

UploadResponse ObjcTransport::Send(const UploadRequest& request) {
  UploadResponse response;
  std::string thrown;
  if (!CatchObjcException(
          [&] {
            TGUploadRequest* objc_request =
                TG_AUTORELEASE([[TGUploadRequest alloc] initWithRequest:request]);
            TGUploadResponse* answer = [transport_.get() sendRequest:objc_request];
            if (![answer isKindOfClass:[TGUploadResponse class]]) {
              response.error = absl::StrCat("transport returned ", ClassName(answer),
                                            ", not a TGUploadResponse");
              return;
            }
            const NSInteger status = [answer HTTPStatus];
            response.http_status = status >= 100 && status <= 999 ? static_cast<int>(status) : 0;
            NSData* body = [answer body];
            const size_t n = std::min<size_t>([body length], kMaxUploadResponseBytes);
            response.body.assign(static_cast<const char*>([body bytes]), n);
            ToUtf8([answer errorDescription], "error", kMaxArgumentUnits, &response.error)
                .IgnoreError();
          },
          &thrown)) {
    response = UploadResponse();
    response.error = absl::StrCat("transport threw: ", thrown);
  }
  return response;
}

}  // namespace telegate::ios_internal
