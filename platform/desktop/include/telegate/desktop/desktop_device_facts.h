// DesktopDeviceFacts: device facts read from the real Linux machine —
// uname(2), /etc/os-release, DMI product and vendor names, the locale, CPU
// and memory.
#ifndef TELEGATE_DESKTOP_DESKTOP_DEVICE_FACTS_H_
#define TELEGATE_DESKTOP_DESKTOP_DEVICE_FACTS_H_

#include <map>
#include <string>

#include "absl/strings/string_view.h"
#include "telegate/device_facts.h"
#include "telegate/export.h"

namespace telegate::desktop {

// Thread-safe (stateless apart from its constant options).
class TELEGATE_EXPORT DesktopDeviceFacts : public DeviceFacts {
 public:
  // `root` prefixes every file path read (tests point it at a fake tree).
  explicit DesktopDeviceFacts(std::string app_version, std::string root = "");

  absl::StatusOr<DeviceInfo> Read() override;

  // Parses os-release(5) text: KEY=value lines, values optionally quoted.
  // Malformed lines are skipped.
  static std::map<std::string, std::string> ParseOsRelease(
      absl::string_view text);

 private:
  std::string ReadSmallFile(const std::string& path) const;

  const std::string app_version_;
  const std::string root_;
};

}  // namespace telegate::desktop

#endif  // TELEGATE_DESKTOP_DESKTOP_DEVICE_FACTS_H_
