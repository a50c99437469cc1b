// DesktopDeviceIdentity: the desktop's device identifier — systemd's
// /etc/machine-id (or D-Bus's /var/lib/dbus/machine-id). The collector turns
// it into an app-scoped hash at once; the raw id is never stored. Desktop
// has no advertising id.
//
//   telegate::desktop::DesktopDeviceIdentity identity;
//   env.device_identity = &identity;
#ifndef TELEGATE_DESKTOP_DESKTOP_DEVICE_IDENTITY_H_
#define TELEGATE_DESKTOP_DESKTOP_DEVICE_IDENTITY_H_

#include <string>

#include "telegate/device_identity.h"
#include "telegate/export.h"

namespace telegate::desktop {

// Thread-safe (stateless apart from its constant root).
class TELEGATE_EXPORT DesktopDeviceIdentity : public DeviceIdentity {
 public:
  // `root` prefixes every path read (tests point it at a fake tree).
  explicit DesktopDeviceIdentity(std::string root = "");

  // A missing or malformed machine id gives an empty device_id and a
  // warning, never an error.
  absl::StatusOr<DeviceIds> Read() override;

 private:
  const std::string root_;
};

}  // namespace telegate::desktop

#endif  // TELEGATE_DESKTOP_DESKTOP_DEVICE_IDENTITY_H_
