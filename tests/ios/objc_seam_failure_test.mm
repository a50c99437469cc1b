// A seam written in Objective-C that throws an exception, or breaks its
// contract, becomes a status: it never unwinds into the C++ core, never
// crashes the app, and never opens what should stay closed.
#import <Foundation/Foundation.h>
#import <Telegate/Telegate.h>

#include <Block.h>

#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#import "objc_client_fixture.h"

namespace telegate::ios_test {
namespace {

using ::testing::HasSubstr;

std::string Message(NSError* error) {
  return error == nil ? "(no error)" : std::string([[error localizedDescription] UTF8String]);
}

TEST_F(ObjcClientTest, KeyStoreThatThrowsFailsTheConsentWithAStatus) {
  ASSERT_NE(Open(), nil);
  keys_.throws = YES;
  NSError* error = nil;
  EXPECT_FALSE([client_ setConsent:YES forCategory:@"log.search" error:&error]);
  EXPECT_NE(error, nil);
  EXPECT_THAT(Message(error), HasSubstr("threw an Objective-C exception"));
  EXPECT_THAT(Message(error), HasSubstr("key store is broken"));
  EXPECT_FALSE(StatusOf(@"log.search").open);
  EXPECT_EQ([client_ track:@"log.search" event:@"search" attributes:nil], TGTrackResultClosed);

  keys_.throws = NO;
  error = nil;
  EXPECT_TRUE([client_ setConsent:YES forCategory:@"log.search" error:&error]) << Message(error);
  EXPECT_EQ([client_ track:@"log.search" event:@"search" attributes:nil], TGTrackResultQueued);
}

TEST_F(ObjcClientTest, DeviceFactsThatThrowBecomeAnErrorAndTheNextRunWorks) {
  ASSERT_NE(Open(), nil);
  NSError* error = nil;
  ASSERT_TRUE([client_ setConsent:YES forCategory:@"device.basic" error:&error]);
  ASSERT_TRUE([client_ flushWithTimeout:30 error:&error]);
  facts_.throws = YES;
  error = nil;
  EXPECT_EQ([client_ collect:@"device.basic" error:&error], nil);
  EXPECT_NE(error, nil);
  EXPECT_THAT(Message(error), HasSubstr("UIDevice went away"));

  facts_.throws = NO;
  error = nil;
  TGCollectionReport* report = [client_ collect:@"device.basic" error:&error];
  ASSERT_NE(report, nil) << Message(error);
  ASSERT_EQ([report.events count], 1u);
  TGCollectedEvent* event = [report.events objectAtIndex:0];
  EXPECT_TRUE([event.name isEqualToString:@"device_info"]);
  bool saw_model = false;
  for (TGCollectedField* field in event.fields) {
    if ([field.key isEqualToString:@"model"]) {
      saw_model = true;
      EXPECT_TRUE([field.value isEqualToString:@"iPhone15,2"]);
    }
  }
  EXPECT_TRUE(saw_model);
}

// The field names of a report's events.
std::vector<std::string> FieldKeys(TGCollectionReport* report) {
  std::vector<std::string> keys;
  for (TGCollectedEvent* event in report.events) {
    for (TGCollectedField* field in event.fields) {
      keys.push_back([field.key UTF8String]);
    }
  }
  return keys;
}

std::string Warnings(TGCollectionReport* report) {
  return [[report.warnings componentsJoinedByString:@"; "] UTF8String];
}

// device.identifiers still records the client's own install id when the
// platform's identity seam fails: the failure is a warning of the run.
TEST_F(ObjcClientTest, DeviceIdentityThatThrowsOrReturnsTheWrongClassIsAWarning) {
  [permissions_ setGranted:YES forPermission:@"APP_TRACKING_TRANSPARENCY"];
  ASSERT_NE(Open(), nil);
  NSError* error = nil;
  ASSERT_TRUE([client_ setConsent:YES forCategory:@"device.identifiers" error:&error]);
  identity_.returnsWrongClass = YES;
  TGCollectionReport* report = [client_ collect:@"device.identifiers" error:&error];
  ASSERT_NE(report, nil) << Message(error);
  EXPECT_THAT(Warnings(report), HasSubstr("not TGDeviceIds"));
  EXPECT_THAT(FieldKeys(report), ::testing::ElementsAre("install_id"));

  identity_.returnsWrongClass = NO;
  identity_.throws = YES;
  report = [client_ collect:@"device.identifiers" error:&error];
  ASSERT_NE(report, nil) << Message(error);
  EXPECT_THAT(Warnings(report), HasSubstr("identifierForVendor unavailable"));
  EXPECT_THAT(FieldKeys(report), ::testing::ElementsAre("install_id"));

  identity_.throws = NO;
  report = [client_ collect:@"device.identifiers" error:&error];
  ASSERT_NE(report, nil) << Message(error);
  EXPECT_THAT(FieldKeys(report), ::testing::ElementsAre("install_id", "device_id_hash"));
  // Hashed in the core: the raw identifier never appears.
  for (TGCollectedEvent* event in report.events) {
    for (TGCollectedField* field in event.fields) {
      EXPECT_FALSE([field.value isEqualToString:@"6F9619FF-8B86-D011-B42D-00C04FC964FF"]);
    }
  }
  EXPECT_EQ(identity_.reads, 3);
}

TEST_F(ObjcClientTest, PermissionSourceThatThrowsCountsAsNotGranted) {
  [permissions_ setGranted:YES forPermission:@"PRECISE_LOCATION"];
  ASSERT_NE(Open(), nil);
  NSError* error = nil;
  ASSERT_TRUE([client_ setConsent:YES forCategory:@"location.precise" error:&error]);
  ASSERT_TRUE(StatusOf(@"location.precise").open);
  NSDictionary* fix = @{@"latitude" : @31.2304, @"longitude" : @121.4737};
  ASSERT_EQ([client_ track:@"location.precise" event:@"fix" attributes:fix], TGTrackResultQueued);
  ASSERT_TRUE([client_ flushWithTimeout:30 error:&error]);

  permissions_.throws = YES;
  EXPECT_TRUE([client_ refreshPermissions:&error]) << Message(error);
  TGCategoryStatus* status = StatusOf(@"location.precise");
  EXPECT_FALSE(status.open);
  EXPECT_EQ(status.closedReasons, TGClosedReasonPermissionMissing);
  EXPECT_EQ(status.bufferedEvents, 0);
  EXPECT_FALSE([keys_ hasKeyNamed:@"telegate.category.location.precise"]);
}

// The blocks runtime in use copies what a block captures (C++ objects by
// their copy constructor). GNUstep Base exports a runtime of its own that
// does not; platform/ios links libBlocksRuntime first so that it is not the
// one used. If the link order ever changes, this fails.
TEST(ObjcBlocksRuntimeTest, BlockCopyCopiesCapturedCppObjects) {
  auto shared = std::make_shared<int>(7);
  void (^heap)(void) = nullptr;
  {
    std::shared_ptr<int> captured = shared;
    void (^stack)(void) = ^{
      EXPECT_EQ(*captured, 7);
    };
    heap = Block_copy(stack);
  }
  EXPECT_EQ(shared.use_count(), 2);  // the heap block's copy
  heap();
  Block_release(heap);
  EXPECT_EQ(shared.use_count(), 1);
}

}  // namespace
}  // namespace telegate::ios_test
