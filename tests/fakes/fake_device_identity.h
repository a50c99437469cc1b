// FakeDeviceIdentity: scripted raw device identifiers that count reads.
#ifndef TELEGATE_TESTS_FAKES_FAKE_DEVICE_IDENTITY_H_
#define TELEGATE_TESTS_FAKES_FAKE_DEVICE_IDENTITY_H_

#include "fakes/scripted.h"
#include "telegate/device_identity.h"

namespace telegate::testing {

// Markers a test can look for in bytes: they must never be stored raw.
inline constexpr char kRawDeviceId[] = "RAWDEVICEID0123456789abcdef0123";
inline constexpr char kRawAdvertisingId[] = "RAWADID-38400000-8cf0-11bd-b23e";

inline DeviceIds DefaultDeviceIds() {
  DeviceIds ids;
  ids.device_id = kRawDeviceId;
  ids.advertising_id = kRawAdvertisingId;
  return ids;
}

// Thread-safe.
class FakeDeviceIdentity : public DeviceIdentity {
 public:
  absl::StatusOr<DeviceIds> Read() override { return read.Next(); }
  Scripted<DeviceIds> read{DefaultDeviceIds()};
};

}  // namespace telegate::testing

#endif  // TELEGATE_TESTS_FAKES_FAKE_DEVICE_IDENTITY_H_
