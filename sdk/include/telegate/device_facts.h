// DeviceFacts: what the platform knows about the device and app, for the
// device.basic category. Read only by the device.basic collector, and only
// while that category is open.
#ifndef TELEGATE_DEVICE_FACTS_H_
#define TELEGATE_DEVICE_FACTS_H_

#include <cstdint>
#include <string>

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
