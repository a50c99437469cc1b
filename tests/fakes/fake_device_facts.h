// FakeDeviceFacts: scripted device facts that count reads.
#ifndef TELEGATE_TESTS_FAKES_FAKE_DEVICE_FACTS_H_
#define TELEGATE_TESTS_FAKES_FAKE_DEVICE_FACTS_H_

#include "fakes/scripted.h"
#include "telegate/device_facts.h"

namespace telegate::testing {

inline DeviceInfo DefaultDeviceInfo() {
  DeviceInfo i;
  i.model = "Pixel 8";
  i.manufacturer = "Google";
  i.os_name = "Android";
  i.os_version = "14";
  i.kernel = "6.1.25";
  i.app_version = "5.2.0";
  i.language = "zh_CN";
  i.screen_width = 1080;
  i.screen_height = 2400;
  i.cpu_count = 8;
  i.memory_mb = 8192;
  return i;
}

// Thread-safe.
class FakeDeviceFacts : public DeviceFacts {
 public:
  absl::StatusOr<DeviceInfo> Read() override { return read.Next(); }
  Scripted<DeviceInfo> read{DefaultDeviceInfo()};
};

}  // namespace telegate::testing

#endif  // TELEGATE_TESTS_FAKES_FAKE_DEVICE_FACTS_H_
