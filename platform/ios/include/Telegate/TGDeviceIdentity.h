// TGDeviceIdentity: the platform's device and advertising identifiers, for
// the device.identifiers collector (the C++ telegate::DeviceIdentity seam),
// called only while that category is open. On iOS, TGVendorDeviceIdentity
// reads identifierForVendor.
//
// The identifiers leave the platform raw and are replaced at once, in the
// core's collector, by app-scoped hashes: no raw identifier is stored or
// sent.
//
// Threading: called from the client's writer thread; must be thread-safe.
#ifndef TELEGATE_TG_DEVICE_IDENTITY_H_
#define TELEGATE_TG_DEVICE_IDENTITY_H_

#import <Telegate/TGDefines.h>

NS_ASSUME_NONNULL_BEGIN

TG_EXPORT
NS_SWIFT_NAME(DeviceIds)
@interface TGDeviceIds : NSObject {
 @private
  NSString *_deviceID;
  NSString *_advertisingID;
  NSArray<NSString *> *_warnings;
}
// nil if unknown.
@property(nonatomic, copy, nullable) NSString *deviceID NS_SWIFT_NAME(deviceID);
// nil if unknown or limited by the user (App Tracking Transparency).
@property(nonatomic, copy, nullable) NSString *advertisingID NS_SWIFT_NAME(advertisingID);
@property(nonatomic, copy, nullable) NSArray<NSString *> *warnings;
@end

NS_SWIFT_NAME(DeviceIdentity)
@protocol TGDeviceIdentity <NSObject>
- (nullable TGDeviceIds *)readDeviceIds:(NSError **)error;
@end

NS_ASSUME_NONNULL_END

#endif  // TELEGATE_TG_DEVICE_IDENTITY_H_
