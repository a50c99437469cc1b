#include "telegate/desktop/desktop_device_identity.h"

#include <openssl/crypto.h>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "fact_files.h"

namespace telegate::desktop {

namespace {

// machine-id(5): 32 lower-case hex digits and a newline.
bool IsMachineId(absl::string_view id) {
  if (id.size() != 32) return false;
  for (char c : id) {
    if (!absl::ascii_isxdigit(c) || absl::ascii_isupper(c)) return false;
  }
  return true;
}

}  // namespace

DesktopDeviceIdentity::DesktopDeviceIdentity(std::string root)
    : root_(std::move(root)) {}

absl::StatusOr<DeviceIds> DesktopDeviceIdentity::Read() {
  DeviceIds ids;
  for (const char* path : {"/etc/machine-id", "/var/lib/dbus/machine-id"}) {
    std::string data;
    if (internal::ReadBoundedFile(root_ + path, 256, &data) ==
        internal::ReadResult::kMissing) {
      continue;
    }
    absl::string_view id = absl::StripAsciiWhitespace(data);
    if (IsMachineId(id)) {
      ids.device_id = std::string(id);
    } else {
      ids.warnings.push_back(absl::StrCat(path, " is not a machine id"));
    }
    if (!data.empty()) OPENSSL_cleanse(&data[0], data.size());
    if (!ids.device_id.empty()) return ids;
  }
  if (ids.warnings.empty()) ids.warnings.push_back("no machine id found");
  return ids;
}

}  // namespace telegate::desktop
