#include "collect/collector_registry.h"

#include <iterator>

#include "collect/collectors/collectors.h"

namespace telegate::collect_internal {

namespace {

// Categories and events as the default policy declares them
// (proto/catalog/default_policy.textproto). A host policy may narrow what
// they record; it cannot add a field, because the engine drops attributes
// the policy does not declare.
constexpr CollectorSpec kCollectors[] = {
    {"device.basic", "device_info", &MakeDeviceBasicCollector},
    {"device.identifiers", "identifiers", &MakeDeviceIdentifiersCollector},
    {"device.app_list", "app_list", &MakeAppListCollector},
    {"device.usage", "app_usage", &MakeAppUsageCollector},
    {"location.precise", "fix", &MakePreciseLocationCollector},
    {"location.coarse", "coarse_fix", &MakeCoarseLocationCollector},
    {"location.wifi", "wifi_scan", &MakeWifiCollector},
    {"location.bluetooth", "bluetooth_scan", &MakeBluetoothCollector},
    {"location.cell", "cell", &MakeCellCollector},
    {"network.carrier", "network", &MakeCarrierCollector},
    {"log.access", "access", &MakeAccessCollector},
};

}  // namespace

absl::Span<const CollectorSpec> AllCollectors() {
  return absl::Span<const CollectorSpec>(kCollectors, std::size(kCollectors));
}

const CollectorSpec* FindCollector(absl::string_view category) {
  for (const CollectorSpec& spec : kCollectors) {
    if (category == spec.category) return &spec;
  }
  return nullptr;
}

}  // namespace telegate::collect_internal
