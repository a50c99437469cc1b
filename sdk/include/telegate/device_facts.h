// DeviceFacts: what the platform knows about the device and app, for the
// device.basic category. Read only by the device.basic collector, and only
// while that category is open.
//
// Android implements it over android.os.Build and DisplayMetrics, iOS over
// UIDevice, desktop over uname(2), /etc/os-release, the locale and sysconf.
#ifndef TELEGATE_DEVICE_FACTS_H_
#define TELEGATE_DEVICE_FACTS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "telegate/export.h"

namespace telegate {

// Facts the platform could read. Empty strings and zeros mean "unknown".
struct DeviceInfo {
  std::string model;
  std::string manufacturer;
  std::string os_name;
  std::string os_version;
  std::string kernel;
  std::string app_version;
  std::string language;
  int64_t screen_width = 0;
  int64_t screen_height = 0;
  int64_t cpu_count = 0;
  int64_t memory_mb = 0;
  // Problems met while reading (a missing or malformed /etc/os-release...);
  // the fields that could be read are filled.
  std::vector<std::string> warnings;
};

// Implementations must be thread-safe.
class TELEGATE_EXPORT DeviceFacts {
 public:
  virtual ~DeviceFacts() = default;
  // Reads the facts now. Returns what could be read; fields it could not
  // read stay empty.
  virtual absl::StatusOr<DeviceInfo> Read() = 0;
};

}  // namespace telegate

#endif  // TELEGATE_DEVICE_FACTS_H_
