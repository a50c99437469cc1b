// Apple only (ARC): not compiled on Linux. See TGURLSessionTransport.h.
#import "Telegate/TGURLSessionTransport.h"

// One request in flight: what came back so far, and a semaphore the sending
// thread waits on.
@interface TGURLSessionExchange : NSObject
@property(nonatomic) NSInteger status;
@property(nonatomic, strong) NSMutableData *body;
@property(nonatomic, copy) NSString *failure;
@property(nonatomic, strong) dispatch_semaphore_t done;
@end

@implementation TGURLSessionExchange
@end

@interface TGURLSessionTransport () <NSURLSessionDataDelegate>
@end

@implementation TGURLSessionTransport

- (instancetype)init {
  return [self initWithTimeout:30];
}

- (instancetype)initWithTimeout:(NSTimeInterval)timeout {
  if ((self = [super init])) {
    NSURLSessionConfiguration *config = [NSURLSessionConfiguration ephemeralSessionConfiguration];
    config.connectionProxyDictionary = @{};
    config.HTTPCookieStorage = nil;
    config.HTTPShouldSetCookies = NO;
    config.URLCache = nil;
    config.URLCredentialStorage = nil;
    config.timeoutIntervalForRequest = timeout;
    config.timeoutIntervalForResource = timeout * 4;
    NSOperationQueue *delegateQueue = [[NSOperationQueue alloc] init];
    delegateQueue.maxConcurrentOperationCount = 1;
    _session = [NSURLSession sessionWithConfiguration:config
                                             delegate:self
                                        delegateQueue:delegateQueue];
    _lock = [[NSLock alloc] init];
    _exchanges = [NSMutableDictionary dictionary];
  }
  return self;
}

- (void)invalidate {
  [(NSURLSession *)_session invalidateAndCancel];
}

- (TGURLSessionExchange *)exchangeFor:(NSURLSessionTask *)task {
  [_lock lock];
  TGURLSessionExchange *exchange = _exchanges[@(task.taskIdentifier)];
  [_lock unlock];
  return exchange;
}

- (TGUploadResponse *)sendRequest:(TGUploadRequest *)request {
  NSURL *url = [NSURL URLWithString:request.url];
  if (url == nil) {
    return [[TGUploadResponse alloc] initWithHTTPStatus:0 body:nil errorDescription:@"bad URL"];
  }
  NSMutableURLRequest *post = [NSMutableURLRequest requestWithURL:url];
  post.HTTPMethod = @"POST";
  post.HTTPBody = request.body;
  post.HTTPShouldHandleCookies = NO;
  [request.headers
      enumerateKeysAndObjectsUsingBlock:^(NSString *name, NSString *value, BOOL *stop) {
        [post setValue:value forHTTPHeaderField:name];
      }];

  TGURLSessionExchange *exchange = [[TGURLSessionExchange alloc] init];
  exchange.body = [NSMutableData data];
  exchange.done = dispatch_semaphore_create(0);
  NSURLSessionDataTask *task = [(NSURLSession *)_session dataTaskWithRequest:post];
  [_lock lock];
  _exchanges[@(task.taskIdentifier)] = exchange;
  [_lock unlock];

  // A revoke cancels the task at once (also if it already did).
  __weak NSURLSessionDataTask *weakTask = task;
  [request setCancelHandler:^{
    [weakTask cancel];
  }];
  if (!request.cancelRequested)
    [task resume];
  else
    [task cancel];
  dispatch_semaphore_wait(exchange.done, DISPATCH_TIME_FOREVER);
  [request setCancelHandler:nil];

  [_lock lock];
  [_exchanges removeObjectForKey:@(task.taskIdentifier)];
  [_lock unlock];
  const NSInteger status =
      (exchange.failure != nil || request.cancelRequested) ? 0 : exchange.status;
  return [[TGUploadResponse alloc] initWithHTTPStatus:status
                                                 body:exchange.body
                                     errorDescription:exchange.failure];
}

// --- NSURLSessionDataDelegate (on the session's delegate queue) ---

- (void)URLSession:(NSURLSession *)session
                          task:(NSURLSessionTask *)task
    willPerformHTTPRedirection:(NSHTTPURLResponse *)response
                    newRequest:(NSURLRequest *)newRequest
             completionHandler:(void (^)(NSURLRequest *))completionHandler {
  completionHandler(nil);  // never follow: the 3xx itself is the answer
}

- (void)URLSession:(NSURLSession *)session
              dataTask:(NSURLSessionDataTask *)dataTask
    didReceiveResponse:(NSURLResponse *)response
     completionHandler:(void (^)(NSURLSessionResponseDisposition))completionHandler {
  TGURLSessionExchange *exchange = [self exchangeFor:dataTask];
  if ([response isKindOfClass:[NSHTTPURLResponse class]]) {
    exchange.status = ((NSHTTPURLResponse *)response).statusCode;
  }
  completionHandler(NSURLSessionResponseAllow);
}

- (void)URLSession:(NSURLSession *)session
          dataTask:(NSURLSessionDataTask *)dataTask
    didReceiveData:(NSData *)data {
  TGURLSessionExchange *exchange = [self exchangeFor:dataTask];
  const NSUInteger room =
      TGMaxUploadResponseBytes - MIN(exchange.body.length, TGMaxUploadResponseBytes);
  [exchange.body appendData:[data subdataWithRange:NSMakeRange(0, MIN(room, data.length))]];
  if (data.length > room) [dataTask cancel];  // enough read; the status stands
}

- (void)URLSession:(NSURLSession *)session
                    task:(NSURLSessionTask *)task
    didCompleteWithError:(NSError *)error {
  TGURLSessionExchange *exchange = [self exchangeFor:task];
  const BOOL capped =
      exchange.body.length >= TGMaxUploadResponseBytes && error.code == NSURLErrorCancelled;
  if (error != nil && !capped) exchange.failure = error.localizedDescription;
  dispatch_semaphore_signal(exchange.done);
}

@end
