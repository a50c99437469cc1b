// DesktopDeviceFacts: device facts read from the real Linux machine —
// uname(2), /etc/os-release, DMI product and vendor names, the locale, CPU
// and memory. A missing or malformed /etc/os-release gives the fields that
// could be read plus a warning per problem (DeviceInfo::warnings). There is
// no screen on a server: screen_width/height stay 0 (unknown).
//
//   telegate::desktop::DesktopDeviceFacts facts("1.2.3");
//   absl::StatusOr<telegate::DeviceInfo> info = facts.Read();
#ifndef TELEGATE_DESKTOP_DESKTOP_DEVICE_FACTS_H_
#define TELEGATE_DESKTOP_DESKTOP_DEVICE_FACTS_H_

#include <map>
#include <string>
#include <vector>

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
  // Malformed lines are skipped; with `warnings`, each adds one.
  static std::map<std::string, std::string> ParseOsRelease(
      absl::string_view text, std::vector<std::string>* warnings = nullptr);

 private:
  std::string ReadSmallFile(const std::string& path) const;

  const std::string app_version_;
  const std::string root_;
};

}  // namespace telegate::desktop

#endif  // TELEGATE_DESKTOP_DESKTOP_DEVICE_FACTS_H_
