// TGPermissionSource: how the platform reports OS permissions to Telegate
// (the C++ telegate::PermissionSource seam, in Objective-C).
//
// Permission names are the catalog's iOS names:
//   @"APP_TRACKING_TRANSPARENCY"  device.identifiers
//   @"PRECISE_LOCATION"           location.precise (and .coarse)
//   @"REDUCED_LOCATION"           location.coarse
//   @"BLUETOOTH"                  location.bluetooth
// On iOS, TGApplePermissionSource reads them from CoreLocation,
// AppTrackingTransparency and CoreBluetooth.
//
// Threading: the client calls these methods from its own writer thread, while
// the app may change permissions on any thread: implementations must be
// thread-safe and must not wait for the main thread. An Objective-C
// exception thrown here is caught and taken as "not granted".
#ifndef TELEGATE_TG_PERMISSION_SOURCE_H_
#define TELEGATE_TG_PERMISSION_SOURCE_H_

#import <Telegate/TGDefines.h>

NS_ASSUME_NONNULL_BEGIN

NS_SWIFT_NAME(PermissionSource)
@protocol TGPermissionSource <NSObject>
// The iOS major version; used by catalog clauses that apply only on some OS
// versions.
@property(nonatomic, readonly) NSInteger osMajorVersion;
// YES if `permission` is granted right now. Unknown names: NO.
- (BOOL)isPermissionGranted:(NSString *)permission;

@optional
// The client installs a handler when it opens (nil when it closes). Call it
// after a permission may have changed (e.g. from
// locationManagerDidChangeAuthorization:): it re-reads every permission and,
// for one found gone, runs the revocation barrier before returning, so call
// it off the main thread. Without this method the app calls
// -[TGClient refreshPermissions:] itself (e.g. on didBecomeActive).
- (void)setPermissionsChangedHandler:(nullable void (^)(void))handler;
@end

NS_ASSUME_NONNULL_END

#endif  // TELEGATE_TG_PERMISSION_SOURCE_H_
