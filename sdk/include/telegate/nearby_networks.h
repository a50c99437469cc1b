// NearbyNetworks: Wi-Fi access points and Bluetooth devices around the
// device, for the location.wifi and location.bluetooth collectors.
//
// ScanWifi is called only while location.wifi is open, ScanBluetooth only
// while location.bluetooth is open. Hardware addresses leave the platform
// raw; the collectors replace them with app-scoped hashes before anything
// is stored.
//
// Android implements it over WifiManager and BluetoothLeScanner, iOS (no
// Wi-Fi scan there) over CoreBluetooth, desktop over the host's device
// script.
#ifndef TELEGATE_NEARBY_NETWORKS_H_
#define TELEGATE_NEARBY_NETWORKS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "telegate/export.h"

namespace telegate {

struct WifiAccessPoint {
  std::string ssid;
  std::string bssid;  // "aa:bb:cc:dd:ee:ff"; hashed by the collector
  std::optional<int64_t> rssi_dbm;
  std::optional<int64_t> frequency_mhz;
};

struct WifiScan {
  std::vector<WifiAccessPoint> access_points;
  std::vector<std::string> warnings;  // input problems; see LocationFix
};

struct BluetoothDevice {
  std::string name;
  std::string address;  // hashed by the collector
  std::optional<int64_t> rssi_dbm;
};

struct BluetoothScan {
  std::vector<BluetoothDevice> devices;
  std::vector<std::string> warnings;
};

// Implementations must be thread-safe.
class TELEGATE_EXPORT NearbyNetworks {
 public:
  virtual ~NearbyNetworks() = default;
  // The latest scan results. kUnavailable if the radio cannot scan.
  virtual absl::StatusOr<WifiScan> ScanWifi() = 0;
  virtual absl::StatusOr<BluetoothScan> ScanBluetooth() = 0;
};

}  // namespace telegate

#endif  // TELEGATE_NEARBY_NETWORKS_H_
