// TGVendorDeviceIdentity: TGDeviceIdentity over
// UIDevice.identifierForVendor (Apple only: built from platform/ios/apple/
// for iOS targets, not compiled on Linux).
//
// The core replaces the identifier at once with an app-scoped hash; it is
// never stored or sent raw. The advertising identifier is not read here:
// an app that has App Tracking Transparency authorization passes it in
// (advertisingIdentifier), as the Android bridge lets the host pass its
// advertising id.
//
// identifierForVendor is UIKit (main thread) and may be nil until the
// device is first unlocked: it is read at creation and again by -refresh,
// which the app calls on the main thread (e.g. on didBecomeActive).
//
// Threading: create and -refresh on the main thread; the rest from any
// thread.
#ifndef TELEGATE_TG_VENDOR_DEVICE_IDENTITY_H_
#define TELEGATE_TG_VENDOR_DEVICE_IDENTITY_H_

#import <Telegate/TGDefines.h>
#import <Telegate/TGDeviceIdentity.h>

NS_ASSUME_NONNULL_BEGIN

TG_EXPORT
NS_SWIFT_NAME(VendorDeviceIdentity)
@interface TGVendorDeviceIdentity : NSObject <TGDeviceIdentity> {
 @private
  NSLock *_lock;
  NSString *_vendorID;
  NSString *_advertisingIdentifier;
}
// Main thread only.
- (instancetype)init NS_DESIGNATED_INITIALIZER;
// Main thread only.
- (void)refresh;
// The IDFA (ASIdentifierManager), set by the app only while tracking is
// authorized; nil otherwise.
@property(atomic, copy, nullable) NSString *advertisingIdentifier;
@end

NS_ASSUME_NONNULL_END

#endif  // TELEGATE_TG_VENDOR_DEVICE_IDENTITY_H_
