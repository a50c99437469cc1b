// TGAppleDeviceFacts: TGDeviceFacts over UIDevice, UIScreen, NSBundle,
// NSLocale and NSProcessInfo (Apple only: built from platform/ios/apple/
// for iOS targets, not compiled on Linux).
//
// UIKit may only be used on the main thread and the client reads facts on
// its writer thread, so the UIKit values (model, system version, screen) are
// read once, when the object is created on the main thread;
// NSProcessInfo is read at each call.
//
// Threading: create on the main thread; -readDeviceInfo: from any thread.
#ifndef TELEGATE_TG_APPLE_DEVICE_FACTS_H_
#define TELEGATE_TG_APPLE_DEVICE_FACTS_H_

#import <Telegate/TGDefines.h>
#import <Telegate/TGDeviceFacts.h>

NS_ASSUME_NONNULL_BEGIN

TG_EXPORT
NS_SWIFT_NAME(AppleDeviceFacts)
@interface TGAppleDeviceFacts : NSObject <TGDeviceFacts> {
 @private
  TGDeviceInfo *_snapshot;
}
// Main thread only.
- (instancetype)init NS_DESIGNATED_INITIALIZER;
@end

NS_ASSUME_NONNULL_END

#endif  // TELEGATE_TG_APPLE_DEVICE_FACTS_H_
