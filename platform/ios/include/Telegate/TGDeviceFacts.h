// TGDeviceFacts: what the platform knows about the device and app, for the
// device.basic category (the C++ telegate::DeviceFacts seam). Read only by
// the device.basic collector, and only while that category is open. On iOS,
// TGAppleDeviceFacts reads UIDevice, NSProcessInfo, UIScreen and the bundle.
//
// Threading: called from the client's writer thread; must be thread-safe.
#ifndef TELEGATE_TG_DEVICE_FACTS_H_
#define TELEGATE_TG_DEVICE_FACTS_H_

#import <Telegate/TGDefines.h>

NS_ASSUME_NONNULL_BEGIN

// Facts the platform could read; nil strings and zeros mean "unknown".
TG_EXPORT
NS_SWIFT_NAME(DeviceInfo)
@interface TGDeviceInfo : NSObject {
 @private
  NSString *_model;
  NSString *_manufacturer;
  NSString *_osName;
  NSString *_osVersion;
  NSString *_kernel;
  NSString *_appVersion;
  NSString *_language;
  int64_t _screenWidth;
  int64_t _screenHeight;
  int64_t _cpuCount;
  int64_t _memoryMB;
  NSArray<NSString *> *_warnings;
}
@property(nonatomic, copy, nullable) NSString *model;
@property(nonatomic, copy, nullable) NSString *manufacturer;
@property(nonatomic, copy, nullable) NSString *osName;
@property(nonatomic, copy, nullable) NSString *osVersion;
@property(nonatomic, copy, nullable) NSString *kernel;
@property(nonatomic, copy, nullable) NSString *appVersion;
@property(nonatomic, copy, nullable) NSString *language;
@property(nonatomic) int64_t screenWidth;
@property(nonatomic) int64_t screenHeight;
@property(nonatomic) int64_t cpuCount;
@property(nonatomic) int64_t memoryMB NS_SWIFT_NAME(memoryMB);
// Problems met while reading; the fields that could be read are filled.
@property(nonatomic, copy, nullable) NSArray<NSString *> *warnings;
@end

NS_SWIFT_NAME(DeviceFacts)
@protocol TGDeviceFacts <NSObject>
// Reads the facts now. nil and an error if nothing could be read.
- (nullable TGDeviceInfo *)readDeviceInfo:(NSError **)error;
@end

NS_ASSUME_NONNULL_END

#endif  // TELEGATE_TG_DEVICE_FACTS_H_
