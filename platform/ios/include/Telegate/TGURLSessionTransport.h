// TGURLSessionTransport: TGTransport over NSURLSession (Apple only: built
// from platform/ios/apple/ for iOS targets, not compiled on Linux).
//
//   - an ephemeral session: no cookies, no cache, no credentials stored;
//     no proxy (an empty connectionProxyDictionary);
//   - never follows a redirect: a 3xx answer is returned as it is, and the
//     client treats it as a failed attempt;
//   - reads at most TGMaxUploadResponseBytes of the answer;
//   - registers a cancel handler on the request, so a revoke that cancels
//     the batch cancels the NSURLSessionTask at once (the send then answers
//     HTTPStatus 0).
//
//   // in a BGProcessingTask:
//   TGUploadRunResult *run =
//       [client runUploadsWithTransport:[[TGURLSessionTransport alloc] init]
//                               timeout:25
//                                 error:&error];
//
// Threading: -sendRequest: blocks its caller (never the main thread) until
// the exchange is over; several may run at once.
#ifndef TELEGATE_TG_URL_SESSION_TRANSPORT_H_
#define TELEGATE_TG_URL_SESSION_TRANSPORT_H_

#import <Telegate/TGDefines.h>
#import <Telegate/TGTransport.h>

NS_ASSUME_NONNULL_BEGIN

TG_EXPORT
NS_SWIFT_NAME(URLSessionTransport)
@interface TGURLSessionTransport : NSObject <TGTransport> {
 @private
  id _session;
  NSLock *_lock;
  NSMutableDictionary *_exchanges;
}
// `timeout`: seconds without progress before a request fails (default 30).
- (instancetype)initWithTimeout:(NSTimeInterval)timeout NS_DESIGNATED_INITIALIZER;
- (instancetype)init;
// Ends the session; later sends fail. Call when done with the transport
// (an NSURLSession keeps its delegate until invalidated).
- (void)invalidate;
@end

NS_ASSUME_NONNULL_END

#endif  // TELEGATE_TG_URL_SESSION_TRANSPORT_H_
