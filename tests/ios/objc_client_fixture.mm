#import "objc_client_fixture.h"

#include "gmock/gmock.h"
#include "support/forensics.h"
#include "util/files.h"

namespace telegate::ios_test {

ObjcClientTest::ObjcClientTest()
    : permissions_([[TGTestPermissionSource alloc] init]),
      keys_([[TGTestKeyStore alloc] init]),
      facts_([[TGTestDeviceFacts alloc] init]),
      identity_([[TGTestDeviceIdentity alloc] init]) {}

ObjcClientTest::~ObjcClientTest() {
  CloseClient();
  [permissions_ release];
  [keys_ release];
  [facts_ release];
  [identity_ release];
}

TGOptions* ObjcClientTest::Options() {
  TGOptions* options = [[[TGOptions alloc] initWithDataDirectory:Str(dir_.path())
                                                permissionSource:permissions_
                                                        keyStore:keys_] autorelease];
  options.deviceFacts = facts_;
  options.deviceIdentity = identity_;
  options.maxBatchDelay = 0.002;
  options.appIdentifier = @"com.example.seller";
  return options;
}

TGClient* ObjcClientTest::Open(const std::function<void(TGOptions*)>& configure) {
  CloseClient();
  TGOptions* options = Options();
  if (configure) configure(options);
  std::string failure;
  // An inner pool, so that the fixture's reference is the only one and
  // CloseClient really deallocates the client.
  @autoreleasepool {
    NSError* error = nil;
    client_ = [[TGClient openWithOptions:options error:&error] retain];
    if (client_ == nil) failure = [[error description] UTF8String];
  }
  EXPECT_NE(client_, nil) << failure;
  return client_;
}

void ObjcClientTest::CloseClient() {
  if (client_ == nil) return;
  NSError* error = nil;
  EXPECT_TRUE([client_ closeWithTimeout:30 error:&error]) << [[error description] UTF8String];
  [client_ release];
  client_ = nil;
}

TGCategoryStatus* ObjcClientTest::StatusOf(NSString* category) {
  for (TGCategoryStatus* status in [client_ categoryStatus]) {
    if ([status.name isEqualToString:category]) return status;
  }
  ADD_FAILURE() << "no category " << [category UTF8String];
  return nil;
}

SecretBytes ObjcClientTest::EscrowedCategoryKey(const std::string& category) {
  NSData* key = [keys_ escrowedKeyNamed:Str("telegate.category." + category)];
  EXPECT_NE(key, nil) << "no key was ever created for " << category;
  return ToSecret(key);
}

void ObjcClientTest::ExpectCategoryGone(const std::string& category, const std::string& marker) {
  const std::string file = EventFile(category);
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    EXPECT_FALSE(util_internal::PathExists(file + suffix)) << file << suffix;
  }
  EXPECT_FALSE([keys_ hasKeyNamed:Str("telegate.category." + category)]);
  EXPECT_THAT(testing::FilesContaining(dir_.path(), marker), ::testing::IsEmpty());
}

}  // namespace telegate::ios_test
