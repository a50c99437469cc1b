// TGTransport: the app's HTTP stack, as the upload loop sees it (the C++
// telegate::Transport seam). On iOS, TGURLSessionTransport implements it
// over NSURLSession.
//
// A transport only moves bytes. Requirements:
//   - never follow a redirect (the next hop may be in another region);
//   - stop promptly once request.cancelRequested turns YES (register
//     -[TGUploadRequest setCancelHandler:] to cancel the network task), and
//     answer HTTPStatus 0;
//   - read at most TGMaxUploadResponseBytes of the answer.
// -beginSend has already been called when -sendRequest: runs.
//
// Threading: called on the thread that runs
// -[TGClient runUploadsWithTransport:timeout:error:], which it may block.
// An Objective-C exception thrown here is caught and taken as "no answer".
#ifndef TELEGATE_TG_TRANSPORT_H_
#define TELEGATE_TG_TRANSPORT_H_

#import <Telegate/TGDefines.h>
#import <Telegate/TGUpload.h>

NS_ASSUME_NONNULL_BEGIN

NS_SWIFT_NAME(Transport)
@protocol TGTransport <NSObject>
// POSTs request.body to request.url with request.headers and blocks until
// the exchange is over.
- (TGUploadResponse *)sendRequest:(TGUploadRequest *)request;
@end

NS_ASSUME_NONNULL_END

#endif  // TELEGATE_TG_TRANSPORT_H_
