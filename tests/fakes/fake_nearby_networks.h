// FakeNearbyNetworks: scripted Wi-Fi and Bluetooth scans, counted apart.
#ifndef TELEGATE_TESTS_FAKES_FAKE_NEARBY_NETWORKS_H_
#define TELEGATE_TESTS_FAKES_FAKE_NEARBY_NETWORKS_H_

#include "fakes/scripted.h"
#include "telegate/nearby_networks.h"

namespace telegate::testing {

// Hardware addresses a test can look for: they must never be stored raw.
inline constexpr char kRawBssid[] = "0A:1B:2C:3D:4E:5F";
inline constexpr char kRawBluetoothAddress[] = "6A:7B:8C:9D:AE:BF";

inline WifiScan DefaultWifiScan() {
  WifiScan s;
  s.access_points.push_back({"Cafe Wifi", kRawBssid, -61, 2412});
  s.access_points.push_back({"Office", "00:11:22:33:44:55", -75, 5180});
  return s;
}

inline BluetoothScan DefaultBluetoothScan() {
  BluetoothScan s;
  s.devices.push_back({"Headphones", kRawBluetoothAddress, -70});
  return s;
}

// Thread-safe.
class FakeNearbyNetworks : public NearbyNetworks {
 public:
  absl::StatusOr<WifiScan> ScanWifi() override { return wifi.Next(); }
  absl::StatusOr<BluetoothScan> ScanBluetooth() override {
    return bluetooth.Next();
  }
  Scripted<WifiScan> wifi{DefaultWifiScan()};
  Scripted<BluetoothScan> bluetooth{DefaultBluetoothScan()};
};

}  // namespace telegate::testing

#endif  // TELEGATE_TESTS_FAKES_FAKE_NEARBY_NETWORKS_H_
