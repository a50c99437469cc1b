// ObjcDeviceFacts and ObjcDeviceIdentity: the C++ DeviceFacts and
// DeviceIdentity seams over an app's id<TGDeviceFacts> /
// id<TGDeviceIdentity>, which feed the device.basic and device.identifiers
// collectors.
//
// A field that is not an NSString, or not valid Unicode, is left empty and
// reported as a warning (the collector counts it); the other fields are
// kept. An exception becomes kInternal; the collector then records nothing.
//
// Thread-safe if the app's objects are.
#ifndef TELEGATE_PLATFORM_IOS_SRC_OBJC_DEVICE_SEAMS_H_
#define TELEGATE_PLATFORM_IOS_SRC_OBJC_DEVICE_SEAMS_H_

#import <Foundation/Foundation.h>

#import "Telegate/TGDeviceFacts.h"
#import "Telegate/TGDeviceIdentity.h"
#include "objc_ref.h"
#include "telegate/device_facts.h"
#include "telegate/device_identity.h"

namespace telegate::ios_internal {

class ObjcDeviceFacts : public DeviceFacts {
 public:
  explicit ObjcDeviceFacts(id<TGDeviceFacts> facts) : facts_(facts) {}
  absl::StatusOr<DeviceInfo> Read() override;

 private:
  ObjcRef<id<TGDeviceFacts>> facts_;
};

class ObjcDeviceIdentity : public DeviceIdentity {
 public:
  explicit ObjcDeviceIdentity(id<TGDeviceIdentity> identity)
      : identity_(identity) {}
  absl::StatusOr<DeviceIds> Read() override;

 private:
  ObjcRef<id<TGDeviceIdentity>> identity_;
};

}  // namespace telegate::ios_internal

#endif  // TELEGATE_PLATFORM_IOS_SRC_OBJC_DEVICE_SEAMS_H_
