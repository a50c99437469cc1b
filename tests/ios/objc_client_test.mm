// The Objective-C API keeps the core's guarantees, proven on the bytes: the
// same scenario as the C++ and Java tests, driven through TGClient and the
// Objective-C seams.
#import <Foundation/Foundation.h>
#import <Telegate/Telegate.h>

#include <atomic>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#import "objc_client_fixture.h"
#include "support/forensics.h"
#include "telegate/export.pb.h"
#include "util/files.h"

namespace telegate::ios_test {
namespace {

using ::telegate::testing::CountEventRows;
using ::telegate::testing::DecryptedPagesContaining;
using ::telegate::testing::FilesContaining;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr char kRevoked[] = "REVOKED-MARKER";
constexpr char kKept[] = "KEPT-MARKER";

proto::UserDataExport ExportOf(TGClient* client) {
  NSError* error = nil;
  NSData* data = [client exportUserDataInFormat:TGExportFormatProtobuf error:&error];
  EXPECT_NE(data, nil) << [[error description] UTF8String];
  proto::UserDataExport exported;
  EXPECT_TRUE(exported.ParseFromArray([data bytes], static_cast<int>([data length])));
  return exported;
}

std::vector<std::string> ExportedValues(const proto::UserDataExport& e, const std::string& category,
                                        const std::string& key) {
  std::vector<std::string> values;
  for (const proto::CategoryExport& c : e.categories()) {
    if (c.name() != category) continue;
    for (const proto::Event& event : c.events()) {
      for (const proto::Attribute& a : event.attributes()) {
        if (a.key() == key) values.push_back(a.string_value());
      }
    }
  }
  return values;
}

TGTrackResult TrackSearch(TGClient* client, const std::string& query) {
  return [client track:@"log.search"
                 event:@"search"
            attributes:@{
              @"query" : Str(query),
              @"results" : @3
            }];
}

TGTrackResult TrackOrder(TGClient* client, const std::string& order_id) {
  return [client track:@"order"
                 event:@"order"
            attributes:@{
              @"order_id" : Str(order_id),
              @"amount_minor" : @1999
            }];
}

// The 8 bytes a double is stored as (protobuf fixed64, little-endian).
std::string DoubleBytes(double value) {
  std::string bytes(sizeof(value), '\0');
  std::memcpy(&bytes[0], &value, sizeof(value));
  return bytes;
}

TEST_F(ObjcClientTest, EverythingStartsOffAndNothingIsWritten) {
  ASSERT_NE(Open(), nil);
  NSArray<TGCategoryStatus*>* rows = [client_ categoryStatus];
  EXPECT_EQ([rows count], 13u);
  for (TGCategoryStatus* row in rows) {
    EXPECT_FALSE(row.open) << [row.name UTF8String];
    EXPECT_FALSE(row.consentOn) << [row.name UTF8String];
    EXPECT_NE(row.closedReasons & TGClosedReasonConsentOff, 0u);
    EXPECT_EQ(row.consentPolicyVersion, nil);
  }
  EXPECT_EQ(TrackSearch(client_, "shoes"), TGTrackResultClosed);
  NSError* error = nil;
  EXPECT_EQ([client_ collect:@"device.identifiers" error:&error], nil);
  EXPECT_EQ(error.code, TGErrorPermissionDenied);
  EXPECT_EQ([client_ dropCounts].closed, 1);

  // Nothing touched the platform, nothing was written, no key exists.
  EXPECT_EQ(facts_.reads, 0);
  EXPECT_EQ(identity_.reads, 0);
  EXPECT_EQ(keys_.creates, 0);
  EXPECT_THAT(dir_.Files(), IsEmpty());
  CloseClient();
  EXPECT_THAT(dir_.Files(), IsEmpty());
}

TEST_F(ObjcClientTest, DoubleGateNeedsConsentAndThePermissionTheObjcSourceReports) {
  ASSERT_NE(Open(), nil);
  NSError* error = nil;
  ASSERT_TRUE([client_ setConsent:YES forCategory:@"location.precise" error:&error])
      << [[error description] UTF8String];
  TGCategoryStatus* status = StatusOf(@"location.precise");
  EXPECT_TRUE(status.consentOn);
  EXPECT_FALSE(status.open);
  EXPECT_EQ(status.closedReasons, TGClosedReasonPermissionMissing);
  EXPECT_TRUE([status.missingPermissions isEqualToArray:@[ @"PRECISE_LOCATION" ]]);
  NSDictionary* fix = @{@"latitude" : @31.2304, @"longitude" : @121.4737};
  EXPECT_EQ([client_ track:@"location.precise" event:@"fix" attributes:fix], TGTrackResultClosed);

  // The source calls the client's handler: the category opens before
  // setGranted: returns.
  ASSERT_TRUE(permissions_.hasHandler);
  [permissions_ setGranted:YES forPermission:@"PRECISE_LOCATION"];
  EXPECT_TRUE(StatusOf(@"location.precise").open);
  EXPECT_EQ([client_ track:@"location.precise" event:@"fix" attributes:fix], TGTrackResultQueued);
  EXPECT_GT(permissions_.checks, 0);

  // Consent off closes it again although the permission stays.
  ASSERT_TRUE([client_ setConsent:NO forCategory:@"location.precise" error:&error]);
  EXPECT_EQ(StatusOf(@"location.precise").closedReasons, TGClosedReasonConsentOff);
  EXPECT_EQ([client_ track:@"location.precise" event:@"fix" attributes:fix], TGTrackResultClosed);
  // A category that needs no permission opens on consent alone.
  ASSERT_TRUE([client_ setConsent:YES forCategory:@"log.search" error:&error]);
  EXPECT_TRUE(StatusOf(@"log.search").open);
}

TEST_F(ObjcClientTest, RevokeFromObjcIsABarrierOnTheBytes) {
  ASSERT_NE(Open(), nil);
  NSError* error = nil;
  ASSERT_TRUE([client_ setConsent:YES forCategory:@"log.search" error:&error]);
  ASSERT_TRUE([client_ setConsent:YES forCategory:@"order" error:&error]);
  for (int i = 0; i < 200; ++i) {
    ASSERT_EQ(TrackSearch(client_, absl::StrCat(kRevoked, "-", i)), TGTrackResultQueued);
    ASSERT_EQ(TrackOrder(client_, absl::StrCat(kKept, "-", i)), TGTrackResultQueued);
  }
  ASSERT_TRUE([client_ flushWithTimeout:30 error:&error]);

  // Positive control: with its key, the category's file shows the marker.
  const SecretBytes search_key = EscrowedCategoryKey("log.search");
  absl::StatusOr<int> before =
      DecryptedPagesContaining(EventFile("log.search"), search_key, kRevoked);
  ASSERT_TRUE(before.ok()) << before.status();
  EXPECT_GT(*before, 0);
  absl::StatusOr<int64_t> rows = CountEventRows(EventFile("log.search"), search_key);
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_EQ(*rows, 200);

  ASSERT_TRUE([client_ setConsent:NO forCategory:@"log.search" error:&error])
      << [[error description] UTF8String];
  ExpectCategoryGone("log.search", kRevoked);
  // The kept category's pages, decrypted, hold its own marker and never the
  // revoked one.
  const SecretBytes order_key = EscrowedCategoryKey("order");
  absl::StatusOr<int> revoked_in_order =
      DecryptedPagesContaining(EventFile("order"), order_key, kRevoked);
  ASSERT_TRUE(revoked_in_order.ok()) << revoked_in_order.status();
  EXPECT_EQ(*revoked_in_order, 0);
  absl::StatusOr<int> kept = DecryptedPagesContaining(EventFile("order"), order_key, kKept);
  ASSERT_TRUE(kept.ok()) << kept.status();
  EXPECT_GT(*kept, 0);
  EXPECT_EQ(StatusOf(@"log.search").bufferedEvents, 0);
  EXPECT_EQ(TrackSearch(client_, kRevoked), TGTrackResultClosed);
}

class ObjcOsRevokeTest : public ObjcClientTest {
 protected:
  // location.precise open, holding `fixes` events whose latitude is
  // kMarkerLatitude; returns its escrowed key.
  SecretBytes OpenWithPreciseFixes(int fixes) {
    [permissions_ setGranted:YES forPermission:@"PRECISE_LOCATION"];
    if (Open() == nil) return SecretBytes();
    NSError* error = nil;
    EXPECT_TRUE([client_ setConsent:YES forCategory:@"location.precise" error:&error]);
    for (int i = 0; i < fixes; ++i) {
      NSDictionary* fix = @{@"latitude" : @(kMarkerLatitude), @"longitude" : @121.4737};
      EXPECT_EQ([client_ track:@"location.precise" event:@"fix" attributes:fix],
                TGTrackResultQueued);
    }
    EXPECT_TRUE([client_ flushWithTimeout:30 error:&error]);
    SecretBytes key = EscrowedCategoryKey("location.precise");
    absl::StatusOr<int> pages =
        DecryptedPagesContaining(EventFile("location.precise"), key, DoubleBytes(kMarkerLatitude));
    EXPECT_TRUE(pages.ok() && *pages > 0) << "positive control";
    return key;
  }

  void ExpectPreciseGone() { ExpectCategoryGone("location.precise", DoubleBytes(kMarkerLatitude)); }

  static constexpr double kMarkerLatitude = 31.230416123456789;
};

TEST_F(ObjcOsRevokeTest, OsRevokeThroughTheHandlerPurgesBeforeItReturns) {
  OpenWithPreciseFixes(50);
  [permissions_ setGranted:NO forPermission:@"PRECISE_LOCATION"];
  ExpectPreciseGone();
  TGCategoryStatus* status = StatusOf(@"location.precise");
  EXPECT_FALSE(status.open);
  EXPECT_TRUE(status.consentOn);
  EXPECT_EQ(status.closedReasons, TGClosedReasonPermissionMissing);
}

TEST_F(ObjcOsRevokeTest, OsRevokeSeenAtRefreshPermissionsPurges) {
  OpenWithPreciseFixes(50);
  [permissions_ setGrantedQuietly:NO forPermission:@"PRECISE_LOCATION"];
  NSError* error = nil;
  ASSERT_TRUE([client_ refreshPermissions:&error]) << [[error description] UTF8String];
  ExpectPreciseGone();
  EXPECT_FALSE(StatusOf(@"location.precise").open);
}

TEST_F(ObjcOsRevokeTest, OsRevokeWhileTheAppWasNotRunningIsPurgedAtOpen) {
  OpenWithPreciseFixes(50);
  CloseClient();
  EXPECT_TRUE(util_internal::PathExists(EventFile("location.precise")));
  [permissions_ setGrantedQuietly:NO forPermission:@"PRECISE_LOCATION"];
  ASSERT_NE(Open(), nil);
  ExpectPreciseGone();
}

TEST_F(ObjcClientTest, ExportHoldsWhatWasTracked) {
  ASSERT_NE(Open(), nil);
  NSError* error = nil;
  ASSERT_TRUE([client_ setConsent:YES forCategory:@"log.search" error:&error]);
  ASSERT_EQ(TrackSearch(client_, "EXPORT-ME"), TGTrackResultQueued);
  EXPECT_THAT(ExportedValues(ExportOf(client_), "log.search", "query"), ElementsAre("EXPORT-ME"));
  NSData* json = [client_ exportUserDataInFormat:TGExportFormatJSON error:&error];
  ASSERT_NE(json, nil);
  const std::string text(static_cast<const char*>([json bytes]), [json length]);
  EXPECT_NE(text.find("\"EXPORT-ME\""), std::string::npos);
  NSData* ledger = [client_ exportLedger:&error];
  EXPECT_GT([ledger length], 0u);
  EXPECT_TRUE([client_ verifyLedger:&error]) << [[error description] UTF8String];
  EXPECT_EQ([client_ exportUserDataInFormat:(TGExportFormat)7 error:&error], nil);
  EXPECT_EQ(error.code, TGErrorInvalidArgument);
}

TEST_F(ObjcClientTest, DeleteAllDataLeavesNothingOfTheUser) {
  ASSERT_NE(Open(), nil);
  NSError* error = nil;
  ASSERT_TRUE([client_ setConsent:YES forCategory:@"log.search" error:&error]);
  ASSERT_TRUE([client_ setConsent:YES forCategory:@"order" error:&error]);
  ASSERT_EQ(TrackSearch(client_, "DELETE-ME-SEARCH"), TGTrackResultQueued);
  ASSERT_EQ(TrackOrder(client_, "DELETE-ME-ORDER"), TGTrackResultQueued);
  ASSERT_TRUE([client_ flushWithTimeout:30 error:&error]);
  EXPECT_THAT(FilesContaining(dir_.path(), "DELETE-ME"), IsEmpty()) << "encrypted at rest";
  ASSERT_GT(*DecryptedPagesContaining(EventFile("order"), EscrowedCategoryKey("order"),
                                      "DELETE-ME-ORDER"),
            0);

  ASSERT_TRUE([client_ deleteAllData:&error]) << [[error description] UTF8String];
  for (TGCategoryStatus* row in [client_ categoryStatus]) {
    EXPECT_FALSE(row.open) << [row.name UTF8String];
    EXPECT_FALSE(row.consentOn) << [row.name UTF8String];
  }
  for (const char* category : {"log.search", "order"}) {
    EXPECT_FALSE(util_internal::PathExists(EventFile(category))) << category;
    EXPECT_FALSE([keys_ hasKeyNamed:Str(absl::StrCat("telegate.category.", category))]);
  }
  EXPECT_THAT(ExportedValues(ExportOf(client_), "log.search", "query"), IsEmpty());
  EXPECT_THAT(ExportedValues(ExportOf(client_), "order", "order_id"), IsEmpty());
  EXPECT_TRUE([client_ verifyLedger:&error]);
}

TEST_F(ObjcClientTest, AnonymizeCutsTheIpAndLeavesNoOriginal) {
  ASSERT_NE(Open(), nil);
  NSError* error = nil;
  ASSERT_TRUE([client_ setConsent:YES forCategory:@"log.access" error:&error]);
  NSDictionary* first = @{@"ip" : @"203.0.113.77", @"browser" : @"Safari"};
  ASSERT_EQ([client_ track:@"log.access" event:@"access" attributes:first], TGTrackResultQueued);
  ASSERT_TRUE([client_ anonymize:&error]) << [[error description] UTF8String];
  EXPECT_THAT(ExportedValues(ExportOf(client_), "log.access", "ip"), ElementsAre("203.0.113.0"));
  NSDictionary* second = @{@"ip" : @"198.51.100.200", @"browser" : @"Safari"};
  ASSERT_EQ([client_ track:@"log.access" event:@"access" attributes:second], TGTrackResultQueued);
  EXPECT_THAT(ExportedValues(ExportOf(client_), "log.access", "ip"),
              ElementsAre("203.0.113.0", "198.51.100.0"));
  ASSERT_TRUE([client_ flushWithTimeout:30 error:&error]);
  EXPECT_THAT(FilesContaining(dir_.path(), "203.0.113.77"), IsEmpty());
  ASSERT_TRUE([client_ allowIdentification:&error]);
}

TEST_F(ObjcClientTest, ManyThreadsTrackWhileAnotherRevokes) {
  ASSERT_NE(Open([](TGOptions* o) { o.maxBatchEvents = 64; }), nil);
  NSError* error = nil;
  ASSERT_TRUE([client_ setConsent:YES forCategory:@"log.search" error:&error]);
  ASSERT_TRUE([client_ setConsent:YES forCategory:@"order" error:&error]);
  std::atomic<bool> stop{false};
  std::atomic<int> queued{0};
  std::vector<std::thread> producers;
  TGClient* client = client_;
  for (int t = 0; t < 4; ++t) {
    producers.emplace_back([&, t] {
      for (int i = 0; !stop.load(); ++i) {
        @autoreleasepool {
          if (TrackSearch(client, absl::StrCat(kRevoked, "-", t, "-", i)) == TGTrackResultQueued) {
            ++queued;
          }
          TrackOrder(client, absl::StrCat(kKept, "-", t, "-", i));
        }
      }
    });
  }
  while (queued.load() < 2000) std::this_thread::yield();
  const bool revoked = [client_ setConsent:NO forCategory:@"log.search" error:&error];
  // The producers still run; the barrier holds right now.
  ExpectCategoryGone("log.search", kRevoked);
  stop = true;
  for (std::thread& t : producers) t.join();
  ASSERT_TRUE(revoked) << [[error description] UTF8String];
  ASSERT_TRUE([client_ flushWithTimeout:30 error:&error]);
  ExpectCategoryGone("log.search", kRevoked);
  absl::StatusOr<int> in_order =
      DecryptedPagesContaining(EventFile("order"), EscrowedCategoryKey("order"), kRevoked);
  ASSERT_TRUE(in_order.ok()) << in_order.status();
  EXPECT_EQ(*in_order, 0);
  EXPECT_GT(*DecryptedPagesContaining(EventFile("order"), EscrowedCategoryKey("order"), kKept), 0);
}

}  // namespace
}  // namespace telegate::ios_test
