#import "Telegate/TGUpload.h"

#include <memory>
#include <string>

#include "objc_memory.h"
#include "objc_ref.h"
#include "seam_guard.h"
#include "string_convert.h"
#include "value_bridge.h"

using telegate::ios_internal::CatchObjcException;
using telegate::ios_internal::ObjcBlockRef;
using telegate::ios_internal::ToNSData;
using telegate::ios_internal::ToNSString;

const NSUInteger TGMaxUploadResponseBytes = telegate::kMaxUploadResponseBytes;

@implementation TGEndpoint

@synthesize url = _url;
@synthesize region = _region;
@synthesize partner = _partner;

- (instancetype)initWithURL:(NSString*)url region:(NSString*)region partner:(BOOL)partner {
  if ((self = [super init])) {
    _url = [url copy];
    _region = [region copy];
    _partner = partner;
  }
  return self;
}

- (void)dealloc {
  TG_RELEASE(_url);
  TG_RELEASE(_region);
  TG_SUPER_DEALLOC();
}

@end

namespace {
// What a TGUploadRequest shares with the client.
struct RequestImpl {
  std::shared_ptr<telegate::UploadControl> control;
};
}  // namespace

@implementation TGUploadRequest

@synthesize taskID = _taskID;
@synthesize url = _url;
@synthesize headers = _headers;
@synthesize body = _body;
@synthesize eventCount = _eventCount;

- (instancetype)initWithRequest:(const telegate::UploadRequest&)request {
  if ((self = [super init])) {
    _taskID = request.task_id;
    _url = TG_RETAIN(ToNSString(request.url));
    NSMutableDictionary<NSString*, NSString*>* headers =
        [NSMutableDictionary dictionaryWithCapacity:request.headers.size()];
    for (const auto& [name, value] : request.headers) {
      [headers setObject:ToNSString(value) forKey:ToNSString(name)];
    }
    _headers = TG_RETAIN(headers);
    _body = TG_RETAIN(ToNSData(request.body));
    _eventCount = request.event_count;
    _impl = new RequestImpl{request.control};
  }
  return self;
}

- (void)dealloc {
  delete static_cast<RequestImpl*>(_impl);
  TG_RELEASE(_url);
  TG_RELEASE(_headers);
  TG_RELEASE(_body);
  TG_SUPER_DEALLOC();
}

- (telegate::UploadControl*)tg_control {
  return static_cast<RequestImpl*>(_impl)->control.get();
}

- (BOOL)beginSend {
  telegate::UploadControl* control = [self tg_control];
  return control != nullptr && control->BeginSend();
}

- (BOOL)isCancelRequested {
  telegate::UploadControl* control = [self tg_control];
  return control == nullptr || control->cancel_requested();
}

- (void)setCancelHandler:(void (^)(void))handler {
  telegate::UploadControl* control = [self tg_control];
  if (control == nullptr) return;
  if (handler == nil) {
    control->SetCancelHandler(nullptr);
    return;
  }
  // Runs on the cancelling thread, inside the client: nothing the handler
  // throws may escape.
  control->SetCancelHandler([handler = ObjcBlockRef<void (^)(void)>(handler)] {
    std::string thrown;
    CatchObjcException([&] { handler.get()(); }, &thrown);
  });
}

@end

@implementation TGUploadResponse

@synthesize HTTPStatus = _HTTPStatus;
@synthesize body = _body;
@synthesize errorDescription = _errorDescription;

- (instancetype)initWithHTTPStatus:(NSInteger)HTTPStatus
                              body:(NSData*)body
                  errorDescription:(NSString*)errorDescription {
  if ((self = [super init])) {
    _HTTPStatus = HTTPStatus;
    _body = body != nil ? [body copy] : [[NSData alloc] init];
    _errorDescription = errorDescription != nil ? [errorDescription copy] : [[NSString alloc] init];
  }
  return self;
}

- (void)dealloc {
  TG_RELEASE(_body);
  TG_RELEASE(_errorDescription);
  TG_SUPER_DEALLOC();
}

@end

@implementation TGUploadTask

@synthesize kind = _kind;
@synthesize request = _request;
@synthesize wait = _wait;

- (instancetype)initWithTask:(const telegate::UploadTask&)task {
  if ((self = [super init])) {
    switch (task.kind) {
      case telegate::UploadTask::Kind::kUpload:
        _kind = TGUploadTaskKindUpload;
        _request = [[TGUploadRequest alloc] initWithRequest:task.request];
        break;
      case telegate::UploadTask::Kind::kWait:
        _kind = TGUploadTaskKindWait;
        break;
      case telegate::UploadTask::Kind::kDone:
        _kind = TGUploadTaskKindDone;
        break;
    }
    _wait = absl::ToDoubleSeconds(task.wait);
  }
  return self;
}

- (void)dealloc {
  TG_RELEASE(_request);
  TG_SUPER_DEALLOC();
}

@end

@implementation TGUploadRunResult

@synthesize batchesSent = _batchesSent;
@synthesize batchesAcknowledged = _batchesAcknowledged;
@synthesize eventsAcknowledged = _eventsAcknowledged;
@synthesize batchesRetry = _batchesRetry;
@synthesize batchesRejected = _batchesRejected;
@synthesize batchesCancelled = _batchesCancelled;
@synthesize shouldWait = _shouldWait;
@synthesize wait = _wait;
@synthesize timedOut = _timedOut;

- (instancetype)initWithResult:(const telegate::UploadRunResult&)result {
  if ((self = [super init])) {
    _batchesSent = result.batches_sent;
    _batchesAcknowledged = result.batches_acknowledged;
    _eventsAcknowledged = result.events_acknowledged;
    _batchesRetry = result.batches_retry;
    _batchesRejected = result.batches_rejected;
    _batchesCancelled = result.batches_cancelled;
    _shouldWait = result.wait.has_value();
    _wait = result.wait.has_value() ? absl::ToDoubleSeconds(*result.wait) : 0;
    _timedOut = result.timed_out;
  }
  return self;
}

@end
