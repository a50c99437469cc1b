// ObjcClientTest: a fresh data directory, the Objective-C test seams and a
// TGClient opened on them, for the Objective-C bridge tests.
#ifndef TELEGATE_TESTS_IOS_OBJC_CLIENT_FIXTURE_H_
#define TELEGATE_TESTS_IOS_OBJC_CLIENT_FIXTURE_H_

#import <Foundation/Foundation.h>
#import <Telegate/Telegate.h>

#include <functional>
#include <string>

#include "gtest/gtest.h"
#import "objc_test_seams.h"
#include "support/test_dir.h"

namespace telegate::ios_test {

class ObjcClientTest : public ::testing::Test {
 protected:
  ObjcClientTest();
  ~ObjcClientTest() override;

  // Options on the test seams; `configure` may change them before open.
  TGOptions* Options();
  // Opens (and keeps) a client, or fails the test and returns nil.
  TGClient* Open(const std::function<void(TGOptions*)>& configure = nullptr);
  // Closes and releases the client.
  void CloseClient();

  TGCategoryStatus* StatusOf(NSString* category);

  // The data key of `category` as the key store handed it out (kept after
  // it was destroyed).
  SecretBytes EscrowedCategoryKey(const std::string& category);
  // What must hold the moment a revoke of `category` has returned: no
  // file, no key, no byte of `marker` anywhere in the data directory.
  void ExpectCategoryGone(const std::string& category, const std::string& marker);

  std::string EventFile(const std::string& category) const {
    return dir_.Sub("events/" + category + ".db");
  }

  testing::TestDir dir_;
  TGTestPermissionSource* permissions_;
  TGTestKeyStore* keys_;
  TGTestDeviceFacts* facts_;
  TGTestDeviceIdentity* identity_;
  TGClient* client_ = nil;
};

}  // namespace telegate::ios_test

#endif  // TELEGATE_TESTS_IOS_OBJC_CLIENT_FIXTURE_H_
