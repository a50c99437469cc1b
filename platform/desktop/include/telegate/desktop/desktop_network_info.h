// DesktopNetworkInfo: network.carrier on Linux — the type of the network in
// use and how many interfaces are up, from /sys/class/net (each interface's
// type, operstate and wireless/wwan markers; never its hardware address),
// plus the operator from the host's device script when there is one.
//
//   telegate::desktop::DesktopNetworkInfo network(&script);  // or nullptr
//   env.network = &network;
#ifndef TELEGATE_DESKTOP_DESKTOP_NETWORK_INFO_H_
#define TELEGATE_DESKTOP_DESKTOP_NETWORK_INFO_H_

#include <string>

#include "telegate/desktop/device_script.h"
#include "telegate/export.h"
#include "telegate/network_info.h"

namespace telegate::desktop {

// Thread-safe (stateless apart from its constant options).
class TELEGATE_EXPORT DesktopNetworkInfo : public NetworkInfo {
 public:
  // `script` (may be null) supplies the operator; borrowed, must outlive
  // this. `root` prefixes /sys/class/net (tests point it at a fake tree).
  explicit DesktopNetworkInfo(DeviceScript* script = nullptr,
                              std::string root = "");

  // network_type is "wifi" if a wireless interface is up, else "ethernet",
  // "cellular" (wwan) or "other" for the first kind up, "none" if nothing
  // but loopback is up. Problems become warnings, never errors.
  absl::StatusOr<CarrierInfo> Carrier() override;

 private:
  DeviceScript* const script_;
  const std::string root_;
};

}  // namespace telegate::desktop

#endif  // TELEGATE_DESKTOP_DESKTOP_NETWORK_INFO_H_
