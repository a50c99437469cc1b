// ObjcTransport: the C++ Transport seam over an app's id<TGTransport>, for
// -[TGClient runUploadsWithTransport:timeout:error:].
//
// The request reaches the app as a TGUploadRequest sharing the batch's
// UploadControl, so a revoke that cancels the batch is seen by the app's
// transport (cancelRequested, its cancel handler). A transport that throws
// or returns something other than a TGUploadResponse counts as "no answer"
// (HTTP status 0); the answer body is cut at kMaxUploadResponseBytes.
//
// Thread-compatible: one RunUploads call uses it.
#ifndef TELEGATE_PLATFORM_IOS_SRC_OBJC_TRANSPORT_H_
#define TELEGATE_PLATFORM_IOS_SRC_OBJC_TRANSPORT_H_

#import <Foundation/Foundation.h>

#import "Telegate/TGTransport.h"
#include "objc_ref.h"
#include "telegate/transport.h"

namespace telegate::ios_internal {

class ObjcTransport : public Transport {
 public:
  explicit ObjcTransport(id<TGTransport> transport) : transport_(transport) {}
  UploadResponse Send(const UploadRequest& request) override;

 private:
  ObjcRef<id<TGTransport>> transport_;
};

}  // namespace telegate::ios_internal

#endif  // TELEGATE_PLATFORM_IOS_SRC_OBJC_TRANSPORT_H_
