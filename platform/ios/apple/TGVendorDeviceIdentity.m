// Apple only (ARC): not compiled on Linux. See TGVendorDeviceIdentity.h.
#import "Telegate/TGVendorDeviceIdentity.h"

#import <UIKit/UIKit.h>

@implementation TGVendorDeviceIdentity

- (instancetype)init {
  if ((self = [super init])) {
    _lock = [[NSLock alloc] init];
    [self refresh];
  }
  return self;
}

- (void)refresh {
  NSAssert([NSThread isMainThread], @"refresh TGVendorDeviceIdentity on the main thread");
  NSString *vendorID = [UIDevice currentDevice].identifierForVendor.UUIDString;
  [_lock lock];
  _vendorID = [vendorID copy];
  [_lock unlock];
}

- (NSString *)advertisingIdentifier {
  [_lock lock];
  NSString *value = _advertisingIdentifier;
  [_lock unlock];
  return value;
}

- (void)setAdvertisingIdentifier:(NSString *)advertisingIdentifier {
  [_lock lock];
  _advertisingIdentifier = [advertisingIdentifier copy];
  [_lock unlock];
}

- (TGDeviceIds *)readDeviceIds:(NSError **)error {
  (void)error;
  TGDeviceIds *ids = [[TGDeviceIds alloc] init];
  [_lock lock];
  ids.deviceID = _vendorID;
  ids.advertisingID = _advertisingIdentifier;
  [_lock unlock];
  if (ids.deviceID == nil) {
    ids.warnings = @[ @"identifierForVendor not available yet (device not unlocked since boot?)" ];
  }
  return ids;
}

@end
