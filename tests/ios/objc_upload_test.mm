// Uploads through the Objective-C API: -runUploadsWithTransport: drives an
// Objective-C TGTransport against the example collector over real HTTP on
// loopback, and a revoke cancels a send in progress through the request's
// cancel handler (as TGURLSessionTransport cancels its NSURLSessionTask).
#import <Foundation/Foundation.h>
#import <Telegate/Telegate.h>

#include <algorithm>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "collector_server.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#import "objc_client_fixture.h"
#include "telegate/desktop/curl_transport.h"

// Sends with libcurl (the desktop transport) what it gets as a
// TGUploadRequest, forwarding cancellation through the request's
// Objective-C API: the shape of an NSURLSession transport, runnable here.
@interface TGCurlBackedTransport : NSObject <TGTransport> {
 @private
  telegate::desktop::CurlTransport* _curl;
  int _sends;
}
@property(atomic, readonly) int sends;
@end

namespace {

// The C++ control libcurl's transport needs, over the Objective-C request.
class ObjcRequestControl : public telegate::UploadControl {
 public:
  explicit ObjcRequestControl(TGUploadRequest* request) : request_(request) {}
  bool BeginSend() override { return true; }  // already begun by the client
  bool cancel_requested() const override { return [request_ isCancelRequested]; }
  void SetCancelHandler(std::function<void()> wake) override {
    if (!wake) {
      [request_ setCancelHandler:nil];
      return;
    }
    auto shared = std::make_shared<std::function<void()>>(std::move(wake));
    [request_ setCancelHandler:^{
      (*shared)();
    }];
  }

 private:
  TGUploadRequest* request_;  // outlives the send
};

}  // namespace

@implementation TGCurlBackedTransport

@synthesize sends = _sends;

- (instancetype)init {
  if ((self = [super init])) {
    telegate::desktop::CurlTransportOptions options;
    options.timeout = absl::Seconds(20);
    auto curl = telegate::desktop::CurlTransport::Create(options);
    _curl = curl.ok() ? curl->release() : nullptr;
  }
  return self;
}

- (void)dealloc {
  delete _curl;
  [super dealloc];
}

- (TGUploadResponse*)sendRequest:(TGUploadRequest*)request {
  ++_sends;
  telegate::UploadRequest cpp;
  cpp.task_id = request.taskID;
  cpp.url = [request.url UTF8String];
  for (NSString* name in request.headers) {
    cpp.headers.emplace_back([name UTF8String], [[request.headers objectForKey:name] UTF8String]);
  }
  cpp.body.assign(static_cast<const char*>([request.body bytes]), [request.body length]);
  cpp.event_count = static_cast<int>(request.eventCount);
  cpp.control = std::make_shared<ObjcRequestControl>(request);
  telegate::UploadResponse answer = _curl->Send(cpp);
  NSData* body = [NSData dataWithBytes:answer.body.data() length:answer.body.size()];
  return [[[TGUploadResponse alloc] initWithHTTPStatus:answer.http_status
                                                  body:body
                                      errorDescription:telegate::ios_test::Str(answer.error)]
      autorelease];
}

@end

// Blocks in -sendRequest: until the client cancels the batch, as a send
// stuck on a slow network would.
@interface TGHangingTransport : NSObject <TGTransport> {
 @private
  std::mutex* _mu;
  std::condition_variable* _cv;
  bool _sending;
  bool _cancelled;
}
- (void)waitUntilSending;
@property(atomic, readonly) BOOL sawCancel;
@end

@implementation TGHangingTransport

- (instancetype)init {
  if ((self = [super init])) {
    _mu = new std::mutex;
    _cv = new std::condition_variable;
  }
  return self;
}

- (void)dealloc {
  delete _mu;
  delete _cv;
  [super dealloc];
}

- (TGUploadResponse*)sendRequest:(TGUploadRequest*)request {
  std::mutex* mu = _mu;
  std::condition_variable* cv = _cv;
  bool* cancelled = &_cancelled;
  [request setCancelHandler:^{
    std::lock_guard<std::mutex> lock(*mu);
    *cancelled = true;
    cv->notify_all();
  }];
  {
    std::unique_lock<std::mutex> lock(*_mu);
    _sending = true;
    _cv->notify_all();
    _cv->wait(lock, [&] { return _cancelled; });
  }
  [request setCancelHandler:nil];
  return [[[TGUploadResponse alloc] initWithHTTPStatus:0 body:nil
                                      errorDescription:@"cancelled"] autorelease];
}

- (void)waitUntilSending {
  std::unique_lock<std::mutex> lock(*_mu);
  _cv->wait(lock, [&] { return _sending; });
}

- (BOOL)sawCancel {
  std::lock_guard<std::mutex> lock(*_mu);
  return _cancelled;
}

@end

namespace telegate::ios_test {
namespace {

class ObjcUploadTest : public ObjcClientTest {
 protected:
  void SetUp() override {
    auto server = collector::CollectorServer::Start({});
    ASSERT_TRUE(server.ok()) << server.status();
    collector_ = *std::move(server);
    ASSERT_NE(Open(), nil);
    NSError* error = nil;
    TGEndpoint* endpoint = [[[TGEndpoint alloc] initWithURL:Str(collector_->url())
                                                     region:@"CN"
                                                    partner:NO] autorelease];
    ASSERT_TRUE([client_ setEndpoints:@[ endpoint ] error:&error])
        << [[error description] UTF8String];
    ASSERT_TRUE([client_ setConsent:YES forCategory:@"log.search" error:&error]);
    ASSERT_TRUE([client_ setConsent:YES forCategory:@"order" error:&error]);
    for (int i = 0; i < 20; ++i) {
      NSDictionary* search = @{@"query" : Str(absl::StrCat("REVOKED-", i))};
      ASSERT_EQ([client_ track:@"log.search" event:@"search" attributes:search],
                TGTrackResultQueued);
      NSDictionary* order = @{@"order_id" : Str(absl::StrCat("KEPT-", i))};
      ASSERT_EQ([client_ track:@"order" event:@"order" attributes:order], TGTrackResultQueued);
    }
    ASSERT_TRUE([client_ flushWithTimeout:30 error:&error]);
  }

  std::set<std::string> CollectedCategories() const {
    std::set<std::string> categories;
    for (const proto::Event& e : collector_->events()) categories.insert(e.category());
    return categories;
  }

  std::unique_ptr<collector::CollectorServer> collector_;
};

TEST_F(ObjcUploadTest, RunUploadsThroughAnObjcTransportIsAcknowledged) {
  TGCurlBackedTransport* transport = [[[TGCurlBackedTransport alloc] init] autorelease];
  NSError* error = nil;
  TGUploadRunResult* run = [client_ runUploadsWithTransport:transport timeout:30 error:&error];
  ASSERT_NE(run, nil) << [[error description] UTF8String];
  EXPECT_GE(run.batchesAcknowledged, 1);
  EXPECT_EQ(run.eventsAcknowledged, 40);
  EXPECT_EQ(run.batchesRetry + run.batchesRejected + run.batchesCancelled, 0);
  EXPECT_FALSE(run.timedOut);
  EXPECT_EQ(transport.sends, run.batchesSent);
  EXPECT_EQ(collector_->stats().events, 40);
  EXPECT_EQ(StatusOf(@"log.search").bufferedEvents, 0);
  EXPECT_EQ(StatusOf(@"order").bufferedEvents, 0);
  TGUploadTask* next = [client_ nextUploadTask:&error];
  ASSERT_NE(next, nil);
  EXPECT_EQ(next.kind, TGUploadTaskKindDone);
}

TEST_F(ObjcUploadTest, ManualLoopReportsWhatCameBack) {
  NSError* error = nil;
  TGUploadTask* task = [client_ nextUploadTask:&error];
  ASSERT_NE(task, nil) << [[error description] UTF8String];
  ASSERT_EQ(task.kind, TGUploadTaskKindUpload);
  ASSERT_NE(task.request, nil);
  EXPECT_GT([task.request.body length], 0u);
  EXPECT_TRUE([task.request beginSend]);
  EXPECT_FALSE([task.request beginSend]);  // at most once
  // A 503 is a retry: the events stay.
  TGUploadResponse* busy = [[[TGUploadResponse alloc] initWithHTTPStatus:503
                                                                    body:nil
                                                        errorDescription:nil] autorelease];
  EXPECT_EQ([client_ reportUploadResult:busy forTaskID:task.request.taskID error:&error],
            TGUploadVerdictRetry);
  EXPECT_EQ(StatusOf(@"log.search").bufferedEvents, 20);
  // An unknown task is discarded.
  EXPECT_EQ([client_ reportUploadResult:busy forTaskID:987654321 error:&error],
            TGUploadVerdictDiscarded);
}

TEST_F(ObjcUploadTest, RevokeCancelsTheSendInProgressBeforeItReturns) {
  TGHangingTransport* transport = [[TGHangingTransport alloc] init];
  TGUploadRunResult* run = nil;
  TGClient* client = client_;
  std::thread uploader([&] {
    @autoreleasepool {
      NSError* error = nil;
      run = [[client runUploadsWithTransport:transport timeout:60 error:&error] retain];
    }
  });
  [transport waitUntilSending];
  NSError* error = nil;
  EXPECT_TRUE([client_ setConsent:NO forCategory:@"log.search" error:&error])
      << [[error description] UTF8String];
  // The send was stopped before the revoke returned.
  EXPECT_TRUE(transport.sawCancel);
  uploader.join();
  ASSERT_NE(run, nil);
  EXPECT_GE(run.batchesCancelled, 1);
  [run release];
  [transport release];

  // What remains goes out without the revoked category, once the endpoint's
  // backoff after the cancelled attempt has passed (as an app reschedules).
  TGCurlBackedTransport* curl = [[[TGCurlBackedTransport alloc] init] autorelease];
  int64_t acknowledged = 0;
  for (int round = 0; round < 50 && acknowledged < 20; ++round) {
    TGUploadRunResult* rest = [client_ runUploadsWithTransport:curl timeout:30 error:&error];
    ASSERT_NE(rest, nil) << [[error description] UTF8String];
    acknowledged += rest.eventsAcknowledged;
    if (rest.shouldWait) {
      [NSThread sleepForTimeInterval:std::min(rest.wait, 2.0)];
    }
  }
  EXPECT_EQ(acknowledged, 20);
  EXPECT_THAT(CollectedCategories(), ::testing::ElementsAre("order"));
}

}  // namespace
}  // namespace telegate::ios_test
