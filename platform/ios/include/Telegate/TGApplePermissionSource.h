// TGApplePermissionSource: TGPermissionSource over the iOS authorization
// APIs (Apple only: built from platform/ios/apple/ for iOS targets, not
// compiled on Linux).
//
//   @"PRECISE_LOCATION"           location authorized (when in use or always)
//                                 with full accuracy
//   @"REDUCED_LOCATION"           location authorized with reduced accuracy
//   @"APP_TRACKING_TRANSPARENCY"  ATTrackingManager authorized
//   @"BLUETOOTH"                  CBManager.authorization allowed always
//
// Create it on the main thread (it owns a CLLocationManager, whose
// delegate callbacks arrive there). A location authorization change is
// forwarded to the client at once, off the main thread; tracking and
// Bluetooth have no change callback, so the app calls
// -[TGClient refreshPermissions:] when it becomes active.
//
// Threading: -isPermissionGranted: may be called from any thread (the
// location state is cached from the delegate callback under a lock).
#ifndef TELEGATE_TG_APPLE_PERMISSION_SOURCE_H_
#define TELEGATE_TG_APPLE_PERMISSION_SOURCE_H_

#import <Telegate/TGDefines.h>
#import <Telegate/TGPermissionSource.h>

NS_ASSUME_NONNULL_BEGIN

TG_EXPORT
NS_SWIFT_NAME(ApplePermissionSource)
@interface TGApplePermissionSource : NSObject <TGPermissionSource> {
 @private
  id _locationManager;
  NSLock *_lock;
  NSInteger _locationStatus;
  NSInteger _locationAccuracy;
  void (^_handler)(void);
}
// Main thread only.
- (instancetype)init NS_DESIGNATED_INITIALIZER;
@end

NS_ASSUME_NONNULL_END

#endif  // TELEGATE_TG_APPLE_PERMISSION_SOURCE_H_
