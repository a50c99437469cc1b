// DeviceScript: what the desktop's "radios" see, fed by the host from a text
// file, because a desktop has no GPS, Wi-Fi scan, Bluetooth scan, modem or
// app-usage statistics to read. It stands in for those sources so that the
// sample app can show their categories end to end
// (`telegate-demo --device-script FILE`).
//
// The file is read again on every call, so the host can rewrite it while the
// app runs. One record per line; '#' starts a comment; fields are key=value,
// values with spaces in double quotes (\" and \\ escape inside quotes):
//
//   location lat=31.2304 lon=121.4737 accuracy=8 altitude=12 region=CN-SH
//   wifi bssid=00:11:22:33:44:55 ssid="Cafe Wifi" rssi=-61 freq=2412
//   bluetooth address=AA:BB:CC:DD:EE:FF name="Headphones" rssi=-70
//   cell radio=lte mcc=460 mnc=0 area=4660 cid=12345 dbm=-95
//   usage package=com.example.shop foreground_ms=120000 last_used_ms=1700000000000
//   carrier name="China Mobile" mcc=460 mnc=0
//
// The last `location` (it needs lat and lon) and `carrier` lines win; the
// other kinds list one access point, device, cell or usage record per line.
// A malformed line or field never fails a read: the fields that are valid
// are kept, and each problem becomes a warning of the reader it concerns
// (problems on a line of unknown kind go to every reader). The script's
// usage records are reported for whatever window is queried.
//
//   telegate::desktop::DeviceScript script("/tmp/device.txt");
//   env.location = &script;
//   env.nearby_networks = &script;
#ifndef TELEGATE_DESKTOP_DEVICE_SCRIPT_H_
#define TELEGATE_DESKTOP_DEVICE_SCRIPT_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "telegate/base_stations.h"
#include "telegate/export.h"
#include "telegate/location_source.h"
#include "telegate/nearby_networks.h"
#include "telegate/network_info.h"
#include "telegate/usage_records.h"

namespace telegate::desktop {

// Everything one read of the script found.
struct DeviceScriptContents {
  std::optional<LocationFix> location;  // with its warnings
  std::vector<std::string> location_warnings;  // when no fix survived
  WifiScan wifi;
  BluetoothScan bluetooth;
  BaseStationScan cells;
  UsageReport usage;
  // operator_name, mcc and mnc only; with its warnings.
  std::optional<CarrierInfo> carrier;
  std::vector<std::string> carrier_warnings;
  // Lines no reader could claim (unknown kind, unterminated quote).
  std::vector<std::string> general_warnings;
};

// Thread-safe (reads the file on every call; keeps no state).
class TELEGATE_EXPORT DeviceScript : public LocationSource,
                                     public NearbyNetworks,
                                     public BaseStations,
                                     public UsageRecords {
 public:
  explicit DeviceScript(std::string path);

  // kNotFound if the file cannot be read, or (CurrentFix) has no valid
  // location line. Both accuracies get the same fix: the location.coarse
  // collector rounds it.
  absl::StatusOr<LocationFix> CurrentFix(LocationAccuracy accuracy) override;
  absl::StatusOr<WifiScan> ScanWifi() override;
  absl::StatusOr<BluetoothScan> ScanBluetooth() override;
  absl::StatusOr<BaseStationScan> Scan() override;
  absl::StatusOr<UsageReport> Query(absl::Time since,
                                    absl::Time until) override;
  // The operator part of network.carrier (DesktopNetworkInfo adds the
  // interfaces). kNotFound without a file or a carrier line.
  absl::StatusOr<CarrierInfo> ReadCarrier();

  static DeviceScriptContents Parse(absl::string_view text);
  const std::string& path() const { return path_; }

 private:
  absl::StatusOr<DeviceScriptContents> Load() const;

  const std::string path_;
};

}  // namespace telegate::desktop

#endif  // TELEGATE_DESKTOP_DEVICE_SCRIPT_H_
