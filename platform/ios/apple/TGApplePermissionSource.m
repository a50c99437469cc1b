// Apple only (ARC): not compiled on Linux. See TGApplePermissionSource.h.
#import "Telegate/TGApplePermissionSource.h"

#import <AppTrackingTransparency/AppTrackingTransparency.h>
#import <CoreBluetooth/CoreBluetooth.h>
#import <CoreLocation/CoreLocation.h>

@interface TGApplePermissionSource () <CLLocationManagerDelegate>
@end

@implementation TGApplePermissionSource

- (instancetype)init {
  if ((self = [super init])) {
    NSAssert([NSThread isMainThread], @"create TGApplePermissionSource on the main thread");
    _lock = [[NSLock alloc] init];
    CLLocationManager *manager = [[CLLocationManager alloc] init];
    _locationStatus = manager.authorizationStatus;
    _locationAccuracy = manager.accuracyAuthorization;
    manager.delegate = self;
    _locationManager = manager;
  }
  return self;
}

// CLLocationManagerDelegate (main thread).
- (void)locationManagerDidChangeAuthorization:(CLLocationManager *)manager {
  [_lock lock];
  const BOOL changed = _locationStatus != manager.authorizationStatus ||
                       _locationAccuracy != manager.accuracyAuthorization;
  _locationStatus = manager.authorizationStatus;
  _locationAccuracy = manager.accuracyAuthorization;
  void (^handler)(void) = _handler;
  [_lock unlock];
  if (changed && handler != nil) {
    // The handler runs the revocation barrier: never on the main thread.
    dispatch_async(dispatch_get_global_queue(QOS_CLASS_UTILITY, 0), handler);
  }
}

- (NSInteger)osMajorVersion {
  return [NSProcessInfo processInfo].operatingSystemVersion.majorVersion;
}

- (BOOL)isPermissionGranted:(NSString *)permission {
  if ([permission isEqualToString:@"PRECISE_LOCATION"] ||
      [permission isEqualToString:@"REDUCED_LOCATION"]) {
    [_lock lock];
    const NSInteger status = _locationStatus;
    const NSInteger accuracy = _locationAccuracy;
    [_lock unlock];
    const BOOL authorized = status == kCLAuthorizationStatusAuthorizedWhenInUse ||
                            status == kCLAuthorizationStatusAuthorizedAlways;
    const BOOL precise = accuracy == CLAccuracyAuthorizationFullAccuracy;
    return authorized && ([permission isEqualToString:@"PRECISE_LOCATION"] ? precise : !precise);
  }
  if ([permission isEqualToString:@"APP_TRACKING_TRANSPARENCY"]) {
    return ATTrackingManager.trackingAuthorizationStatus ==
           ATTrackingManagerAuthorizationStatusAuthorized;
  }
  if ([permission isEqualToString:@"BLUETOOTH"]) {
    return CBManager.authorization == CBManagerAuthorizationAllowedAlways;
  }
  return NO;
}

- (void)setPermissionsChangedHandler:(void (^)(void))handler {
  [_lock lock];
  _handler = [handler copy];
  [_lock unlock];
}

@end
