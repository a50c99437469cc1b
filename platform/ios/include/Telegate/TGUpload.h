// Upload value types: where batches may go, one batch to send, what the
// collector answered and what the client made of it.
//
// The core decides, the platform sends. -[TGClient nextUploadTask:] hands
// out "send this body / wait / done"; the app's transport (TGTransport, on
// iOS TGURLSessionTransport) sends the body and the client is told what came
// back. -[TGClient runUploadsWithTransport:timeout:error:] is that loop.
//
// Threading: TGEndpoint, TGUploadResponse, TGUploadTask and
// TGUploadRunResult are plain values; TGUploadRequest is thread-safe.
#ifndef TELEGATE_TG_UPLOAD_H_
#define TELEGATE_TG_UPLOAD_H_

#import <Telegate/TGDefines.h>

NS_ASSUME_NONNULL_BEGIN

// A collector the client may upload to.
TG_EXPORT
NS_SWIFT_NAME(Endpoint)
@interface TGEndpoint : NSObject {
 @private
  NSString *_url;
  NSString *_region;
  BOOL _partner;
}
// `url`: https only, except http to a literal loopback address. `region`:
// the ISO 3166 alpha-2 country the endpoint stores data in, e.g. @"CN".
- (instancetype)initWithURL:(NSString *)url
                     region:(NSString *)region
                    partner:(BOOL)partner NS_DESIGNATED_INITIALIZER;
- (instancetype)init TG_UNAVAILABLE;
+ (instancetype)new TG_UNAVAILABLE;
@property(nonatomic, readonly, copy) NSString *url;
@property(nonatomic, readonly, copy) NSString *region;
// An advertising or analytics partner rather than the app's own service.
@property(nonatomic, readonly, getter=isPartner) BOOL partner;
@end

// One batch to POST. Shared between the client and whoever sends it: a
// revoke (or a change of endpoints) may cancel it at any moment.
TG_EXPORT
NS_SWIFT_NAME(UploadRequest)
@interface TGUploadRequest : NSObject {
 @private
  uint64_t _taskID;
  NSString *_url;
  NSDictionary<NSString *, NSString *> *_headers;
  NSData *_body;
  NSInteger _eventCount;
  void *_impl;
}
- (instancetype)init TG_UNAVAILABLE;
+ (instancetype)new TG_UNAVAILABLE;
@property(nonatomic, readonly) uint64_t taskID NS_SWIFT_NAME(taskID);
@property(nonatomic, readonly, copy) NSString *url;
@property(nonatomic, readonly, copy) NSDictionary<NSString *, NSString *> *headers;
// A serialized telegate.proto.UploadBody (zstd-compressed events).
@property(nonatomic, readonly, copy) NSData *body;
@property(nonatomic, readonly) NSInteger eventCount;
// Call right before the first byte goes out. NO if the batch was cancelled:
// then do not send it and do not report it. YES at most once.
- (BOOL)beginSend;
// YES once the client asks to abandon the send: stop as soon as possible.
@property(nonatomic, readonly, getter=isCancelRequested) BOOL cancelRequested;
// `handler` runs once when cancellation is requested (at once if it already
// was), on the cancelling thread: keep it short (e.g. -[NSURLSessionTask
// cancel]) and do not call the client from it. nil clears it.
- (void)setCancelHandler:(nullable void (^)(void))handler;
@end

// What the transport got back. The client, not the transport, decides
// what it means.
TG_EXPORT
NS_SWIFT_NAME(UploadResponse)
@interface TGUploadResponse : NSObject {
 @private
  NSInteger _HTTPStatus;
  NSData *_body;
  NSString *_errorDescription;
}
// `HTTPStatus` 0 means no complete response (could not connect, timed out,
// cancelled). `body` at most TGMaxUploadResponseBytes are used.
- (instancetype)initWithHTTPStatus:(NSInteger)HTTPStatus
                              body:(nullable NSData *)body
                  errorDescription:(nullable NSString *)errorDescription NS_DESIGNATED_INITIALIZER;
- (instancetype)init TG_UNAVAILABLE;
+ (instancetype)new TG_UNAVAILABLE;
@property(nonatomic, readonly) NSInteger HTTPStatus;
@property(nonatomic, readonly, copy) NSData *body;
@property(nonatomic, readonly, copy) NSString *errorDescription;
@end

// Bytes of a collector's answer a transport needs to read at most.
TG_EXTERN const NSUInteger TGMaxUploadResponseBytes;

typedef NS_ENUM(NSInteger, TGUploadTaskKind) {
  TGUploadTaskKindUpload = 0,  // send `request`, then report the result
  TGUploadTaskKindWait = 1,    // every endpoint is backing off: ask after `wait`
  TGUploadTaskKindDone = 2,    // nothing to upload now
} NS_SWIFT_NAME(UploadTaskKind);

TG_EXPORT
NS_SWIFT_NAME(UploadTask)
@interface TGUploadTask : NSObject {
 @private
  TGUploadTaskKind _kind;
  TGUploadRequest *_request;
  NSTimeInterval _wait;
}
- (instancetype)init TG_UNAVAILABLE;
+ (instancetype)new TG_UNAVAILABLE;
@property(nonatomic, readonly) TGUploadTaskKind kind;
// Set for TGUploadTaskKindUpload only.
@property(nonatomic, readonly, nullable) TGUploadRequest *request;
// Seconds, for TGUploadTaskKindWait.
@property(nonatomic, readonly) NSTimeInterval wait;
@end

// What the client made of a reported result.
typedef NS_ENUM(NSInteger, TGUploadVerdict) {
  TGUploadVerdictAcknowledged = 0,  // the events were deleted from the buffer
  TGUploadVerdictRetry = 1,         // kept; the endpoint backs off
  TGUploadVerdictRejected = 2,      // 4xx: dropped for good and counted
  TGUploadVerdictDiscarded = 3,     // cancelled or unknown task: no change
} NS_SWIFT_NAME(UploadVerdict);

// What one -[TGClient runUploadsWithTransport:timeout:error:] call did.
TG_EXPORT
NS_SWIFT_NAME(UploadRunResult)
@interface TGUploadRunResult : NSObject {
 @private
  NSInteger _batchesSent;
  NSInteger _batchesAcknowledged;
  int64_t _eventsAcknowledged;
  NSInteger _batchesRetry;
  NSInteger _batchesRejected;
  NSInteger _batchesCancelled;
  BOOL _shouldWait;
  NSTimeInterval _wait;
  BOOL _timedOut;
}
- (instancetype)init TG_UNAVAILABLE;
+ (instancetype)new TG_UNAVAILABLE;
@property(nonatomic, readonly) NSInteger batchesSent;
@property(nonatomic, readonly) NSInteger batchesAcknowledged;
@property(nonatomic, readonly) int64_t eventsAcknowledged;
@property(nonatomic, readonly) NSInteger batchesRetry;
@property(nonatomic, readonly) NSInteger batchesRejected;
@property(nonatomic, readonly) NSInteger batchesCancelled;
// YES when every endpoint with data is backing off: run again after `wait`
// seconds (e.g. the earliestBeginDate of the next BGProcessingTaskRequest).
@property(nonatomic, readonly) BOOL shouldWait;
@property(nonatomic, readonly) NSTimeInterval wait;
// YES when the run stopped because its timeout ran out.
@property(nonatomic, readonly, getter=isTimedOut) BOOL timedOut;
@end

NS_ASSUME_NONNULL_END

#endif  // TELEGATE_TG_UPLOAD_H_
