// Compiled as plain Objective-C (no C++): the public headers hold no C++.
#import <Telegate/Telegate.h>
// The Apple-only classes' headers need only Foundation: checked here too
// (their implementations in platform/ios/apple/ are not compiled on Linux).
#import <Telegate/TGAppleDeviceFacts.h>
#import <Telegate/TGApplePermissionSource.h>
#import <Telegate/TGKeychainKeyStore.h>
#import <Telegate/TGURLSessionTransport.h>
#import <Telegate/TGVendorDeviceIdentity.h>

int main(void) {
  TGTrackResult result = TGTrackResultQueued;
  (void)result;
  return TGErrorInvalidArgument == 3 ? 0 : 1;
}
