// The status observer through the Objective-C API: a block on the app's
// queue (a TGSerialQueue on GNUstep, a dispatch queue on iOS) sees every
// opening and closing, in order, with its reason and source.
#import <Foundation/Foundation.h>
#import <Telegate/Telegate.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#import "objc_client_fixture.h"

namespace telegate::ios_test {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// What observer blocks saw, as "category open|closed source [reasons]
// [missing]" lines. Thread-safe. (Blocks capture a pointer to it: on
// GNUstep a block does not retain the objects it captures.)
class ChangeLog {
 public:
  void Add(TGCategoryChange* change, bool on_queue) {
    std::string line =
        absl::StrCat([change.category UTF8String], change.open ? " open " : " closed ",
                     [TGChangeSourceName(change.source) UTF8String]);
    NSArray<NSString*>* reasons = TGClosedReasonNames(change.closedReasons);
    if ([reasons count] > 0) {
      absl::StrAppend(&line, " ", [[reasons componentsJoinedByString:@","] UTF8String]);
    }
    if ([change.missingPermissions count] > 0) {
      absl::StrAppend(&line, " ",
                      [[change.missingPermissions componentsJoinedByString:@","] UTF8String]);
    }
    std::lock_guard<std::mutex> lock(mu_);
    lines_.push_back(line);
    if (!on_queue) ++off_queue_;
    cv_.notify_all();
  }
  // Waits until at least `n` lines arrived (fails the test after 30 s
  // rather than hanging); returns them all.
  std::vector<std::string> WaitFor(size_t n) {
    std::unique_lock<std::mutex> lock(mu_);
    if (!cv_.wait_for(lock, std::chrono::seconds(30), [&] { return lines_.size() >= n; })) {
      ADD_FAILURE() << "only " << lines_.size() << " of " << n
                    << " changes arrived: " << absl::StrJoin(lines_, "; ");
    }
    return lines_;
  }
  std::vector<std::string> Lines() {
    std::lock_guard<std::mutex> lock(mu_);
    return lines_;
  }
  int off_queue() {
    std::lock_guard<std::mutex> lock(mu_);
    return off_queue_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::string> lines_;
  int off_queue_ = 0;
};

class ObjcObserverTest : public ObjcClientTest {
 protected:
  ObjcObserverTest() : queue_([[TGSerialQueue alloc] initWithLabel:@"observer"]) {}
  ~ObjcObserverTest() override {
    CloseClient();
    [queue_ release];
  }

  TGStatusObservation* Observe(ChangeLog* log) {
    TGSerialQueue* queue = queue_;
    NSError* error = nil;
    TGStatusObservation* observation =
        [client_ addStatusObserverOnQueue:queue_
                               usingBlock:^(TGCategoryChange* change) {
                                 log->Add(change, [queue isCurrent]);
                               }
                                    error:&error];
    EXPECT_NE(observation, nil) << [[error description] UTF8String];
    return observation;
  }

  TGSerialQueue* queue_;
};

TEST_F(ObjcObserverTest, SeesEveryTransitionInOrderOnItsQueue) {
  ASSERT_NE(Open(), nil);
  ChangeLog log;
  TGStatusObservation* observation = Observe(&log);
  EXPECT_TRUE(observation.valid);
  NSError* error = nil;
  ASSERT_TRUE([client_ setConsent:YES forCategory:@"log.search" error:&error]);
  // Consent without the permission: still closed, no transition.
  ASSERT_TRUE([client_ setConsent:YES forCategory:@"location.precise" error:&error]);
  [permissions_ setGranted:YES forPermission:@"PRECISE_LOCATION"];
  [permissions_ setGranted:NO forPermission:@"PRECISE_LOCATION"];
  ASSERT_TRUE([client_ setConsent:NO forCategory:@"log.search" error:&error]);
  EXPECT_THAT(log.WaitFor(4), ElementsAre("log.search open user", "location.precise open os",
                                          "location.precise closed os permission_missing "
                                          "PRECISE_LOCATION",
                                          "log.search closed user consent_off"));
  EXPECT_EQ(log.off_queue(), 0);
}

TEST_F(ObjcObserverTest, RefreshPermissionsReportsTheHostAsTheSource) {
  [permissions_ setGranted:YES forPermission:@"PRECISE_LOCATION"];
  ASSERT_NE(Open(), nil);
  ChangeLog log;
  Observe(&log);
  NSError* error = nil;
  ASSERT_TRUE([client_ setConsent:YES forCategory:@"location.precise" error:&error]);
  [permissions_ setGrantedQuietly:NO forPermission:@"PRECISE_LOCATION"];
  ASSERT_TRUE([client_ refreshPermissions:&error]);
  EXPECT_THAT(log.WaitFor(2),
              ElementsAre("location.precise open user",
                          "location.precise closed host permission_missing PRECISE_LOCATION"));
}

TEST_F(ObjcObserverTest, InvalidateStopsDeliveries) {
  ASSERT_NE(Open(), nil);
  ChangeLog stopped, sentinel;
  TGStatusObservation* observation = Observe(&stopped);
  NSError* error = nil;
  ASSERT_TRUE([client_ setConsent:YES forCategory:@"log.search" error:&error]);
  ASSERT_THAT(stopped.WaitFor(1), ElementsAre("log.search open user"));
  [observation invalidate];
  EXPECT_FALSE(observation.valid);
  [observation invalidate];  // idempotent
  Observe(&sentinel);
  ASSERT_TRUE([client_ setConsent:YES forCategory:@"order" error:&error]);
  // The sentinel is on the same queue, after the invalidated one: once it
  // has the change, the invalidated observer would have had it too.
  EXPECT_THAT(sentinel.WaitFor(1), ElementsAre("order open user"));
  [queue_ sync:^{
  }];
  EXPECT_THAT(stopped.Lines(), ElementsAre("log.search open user"));
}

TEST_F(ObjcObserverTest, InvalidateFromInsideTheBlockDoesNotDeadlock) {
  ASSERT_NE(Open(), nil);
  ChangeLog once, sentinel;
  __block TGStatusObservation* observation = nil;
  ChangeLog* log = &once;
  NSError* error = nil;
  observation = [[client_ addStatusObserverOnQueue:queue_
                                        usingBlock:^(TGCategoryChange* change) {
                                          log->Add(change, true);
                                          [observation invalidate];
                                        }
                                             error:&error] retain];
  ASSERT_NE(observation, nil);
  ASSERT_TRUE([client_ setConsent:YES forCategory:@"log.search" error:&error]);
  ASSERT_THAT(once.WaitFor(1), ElementsAre("log.search open user"));
  Observe(&sentinel);
  ASSERT_TRUE([client_ setConsent:YES forCategory:@"order" error:&error]);
  EXPECT_THAT(sentinel.WaitFor(1), ElementsAre("order open user"));
  [queue_ sync:^{
  }];
  EXPECT_THAT(once.Lines(), ElementsAre("log.search open user"));
  EXPECT_FALSE(observation.valid);
  [observation release];
}

TEST_F(ObjcObserverTest, OptionsObserverSeesARevokeFromWhileTheAppWasNotRunning) {
  [permissions_ setGranted:YES forPermission:@"PRECISE_LOCATION"];
  ASSERT_NE(Open(), nil);
  NSError* error = nil;
  ASSERT_TRUE([client_ setConsent:YES forCategory:@"location.precise" error:&error]);
  CloseClient();
  [permissions_ setGrantedQuietly:NO forPermission:@"PRECISE_LOCATION"];

  ChangeLog log;
  ChangeLog* log_ptr = &log;
  TGSerialQueue* queue = queue_;
  ASSERT_NE(Open([&](TGOptions* options) {
              [options setStatusObserverQueue:queue
                                   usingBlock:^(TGCategoryChange* change) {
                                     log_ptr->Add(change, [queue isCurrent]);
                                   }];
            }),
            nil);
  EXPECT_THAT(log.WaitFor(1), ElementsAre("location.precise closed startup permission_missing "
                                          "PRECISE_LOCATION"));
  // It stays registered.
  ASSERT_TRUE([client_ setConsent:YES forCategory:@"order" error:&error]);
  EXPECT_EQ(log.WaitFor(2)[1], "order open user");
  EXPECT_EQ(log.off_queue(), 0);
}

TEST_F(ObjcObserverTest, DeleteAllDataReportsEveryClosing) {
  ASSERT_NE(Open(), nil);
  NSError* error = nil;
  ASSERT_TRUE([client_ setConsent:YES forCategory:@"log.search" error:&error]);
  ASSERT_TRUE([client_ setConsent:YES forCategory:@"order" error:&error]);
  ChangeLog log;
  Observe(&log);
  ASSERT_TRUE([client_ deleteAllData:&error]);
  std::vector<std::string> lines = log.WaitFor(2);
  EXPECT_THAT(lines, ::testing::UnorderedElementsAre("log.search closed user consent_off",
                                                     "order closed user consent_off"));
}

TEST_F(ObjcObserverTest, AnObservationMayOutliveItsClient) {
  ASSERT_NE(Open(), nil);
  ChangeLog log;
  TGStatusObservation* observation = [Observe(&log) retain];
  NSError* error = nil;
  ASSERT_TRUE([client_ setConsent:YES forCategory:@"log.search" error:&error]);
  log.WaitFor(1);
  CloseClient();  // closes and deallocates the client
  EXPECT_TRUE(observation.valid);
  [observation invalidate];  // must not touch the destroyed client (ASan)
  EXPECT_FALSE(observation.valid);
  [observation release];
}

TEST_F(ObjcObserverTest, AnExceptionInTheBlockDoesNotStopTheQueue) {
  ASSERT_NE(Open(), nil);
  NSError* error = nil;
  TGStatusObservation* thrower = [client_ addStatusObserverOnQueue:queue_
                                                        usingBlock:^(TGCategoryChange*) {
                                                          [NSException raise:NSGenericException
                                                                      format:@"app bug"];
                                                        }
                                                             error:&error];
  ASSERT_NE(thrower, nil);
  ChangeLog log;
  Observe(&log);
  ASSERT_TRUE([client_ setConsent:YES forCategory:@"log.search" error:&error]);
  ASSERT_TRUE([client_ setConsent:YES forCategory:@"order" error:&error]);
  EXPECT_THAT(log.WaitFor(2), ElementsAre("log.search open user", "order open user"));
}

TEST_F(ObjcObserverTest, BadArgumentsAndAClosedClientAreRefused) {
  ASSERT_NE(Open(), nil);
  NSError* error = nil;
  TGSerialQueue* no_queue = nil;
  EXPECT_EQ([client_ addStatusObserverOnQueue:no_queue
                                   usingBlock:^(TGCategoryChange*) {
                                   }
                                        error:&error],
            nil);
  EXPECT_EQ(error.code, TGErrorInvalidArgument);
  error = nil;
  TGStatusObserverBlock no_block = nil;
  EXPECT_EQ([client_ addStatusObserverOnQueue:queue_ usingBlock:no_block error:&error], nil);
  EXPECT_EQ(error.code, TGErrorInvalidArgument);
  ASSERT_TRUE([client_ closeWithTimeout:30 error:&error]);
  error = nil;
  EXPECT_EQ([client_ addStatusObserverOnQueue:queue_
                                   usingBlock:^(TGCategoryChange*) {
                                   }
                                        error:&error],
            nil);
  EXPECT_EQ(error.code, TGErrorFailedPrecondition);
}

}  // namespace
}  // namespace telegate::ios_test
