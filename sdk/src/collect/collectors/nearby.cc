// location.wifi and location.bluetooth, from NearbyNetworks: one event per
// access point or device, its hardware address replaced by an app-scoped
// hash (the raw address is never stored).
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "collect/collectors/collectors.h"

namespace telegate::collect_internal {

namespace {

constexpr size_t kMaxAccessPoints = 64;
constexpr size_t kMaxDevices = 64;

// Thread-compatible; writer thread.
class WifiCollector : public Collector {
 public:
  WifiCollector(const GrantToken&, NearbyNetworks* nearby) : nearby_(nearby) {}

  absl::Status Collect(const GrantToken&, CollectContext& context,
                       std::vector<CollectedEvent>* out) override {
    absl::StatusOr<WifiScan> scan = nearby_->ScanWifi();
    if (!scan.ok()) return scan.status();
    context.WarnAll(scan->warnings);
    size_t kept = 0;
    for (const WifiAccessPoint& ap : scan->access_points) {
      if (kept == kMaxAccessPoints) {
        context.Warn(absl::StrCat("more than ", kMaxAccessPoints,
                                  " access points; the rest are skipped"));
        break;
      }
      CollectedEvent e("wifi_scan");
      e.AddString("ssid", ap.ssid);
      std::string bssid = NormalizeHardwareAddress(ap.bssid);
      if (!bssid.empty()) {
        e.AddString("bssid_hash", context.AppScopedHash("bssid", bssid));
      } else if (!ap.bssid.empty()) {
        context.Warn("malformed BSSID skipped");
      }
      e.AddInt("rssi", ap.rssi_dbm);
      e.AddInt("frequency_mhz", ap.frequency_mhz);
      if (e.attributes().empty()) continue;
      out->push_back(std::move(e));
      ++kept;
    }
    return absl::OkStatus();
  }

 private:
  NearbyNetworks* const nearby_;
};

// Thread-compatible; writer thread.
class BluetoothCollector : public Collector {
 public:
  BluetoothCollector(const GrantToken&, NearbyNetworks* nearby)
      : nearby_(nearby) {}

  absl::Status Collect(const GrantToken&, CollectContext& context,
                       std::vector<CollectedEvent>* out) override {
    absl::StatusOr<BluetoothScan> scan = nearby_->ScanBluetooth();
    if (!scan.ok()) return scan.status();
    context.WarnAll(scan->warnings);
    size_t kept = 0;
    for (const BluetoothDevice& d : scan->devices) {
      if (kept == kMaxDevices) {
        context.Warn(absl::StrCat("more than ", kMaxDevices,
                                  " Bluetooth devices; the rest are skipped"));
        break;
      }
      CollectedEvent e("bluetooth_scan");
      e.AddString("name", d.name);
      std::string address = NormalizeHardwareAddress(d.address);
      if (!address.empty()) {
        e.AddString("address_hash", context.AppScopedHash("bluetooth", address));
      } else if (!d.address.empty()) {
        context.Warn("malformed Bluetooth address skipped");
      }
      e.AddInt("rssi", d.rssi_dbm);
      if (e.attributes().empty()) continue;
      out->push_back(std::move(e));
      ++kept;
    }
    return absl::OkStatus();
  }

 private:
  NearbyNetworks* const nearby_;
};

}  // namespace

std::string NormalizeHardwareAddress(absl::string_view raw) {
  // Six two-digit hex groups separated by ':' or '-'.
  if (raw.size() != 17) return "";
  std::string out(raw);
  for (size_t i = 0; i < out.size(); ++i) {
    if (i % 3 == 2) {
      if (out[i] != ':' && out[i] != '-') return "";
      out[i] = ':';
    } else {
      if (!absl::ascii_isxdigit(out[i])) return "";
      out[i] = absl::ascii_tolower(out[i]);
    }
  }
  return out;
}

std::unique_ptr<Collector> MakeWifiCollector(const GrantToken& grant,
                                             const Env& env) {
  if (env.nearby_networks == nullptr) return nullptr;
  return std::make_unique<WifiCollector>(grant, env.nearby_networks);
}

std::unique_ptr<Collector> MakeBluetoothCollector(const GrantToken& grant,
                                                  const Env& env) {
  if (env.nearby_networks == nullptr) return nullptr;
  return std::make_unique<BluetoothCollector>(grant, env.nearby_networks);
}

}  // namespace telegate::collect_internal
