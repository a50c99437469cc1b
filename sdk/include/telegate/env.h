// Env: every seam between the portable core and the operating system,
// gathered in one struct. The core never includes a platform header; the
// host (or platform/<os>/) fills this in.
//
//   telegate::desktop::DesktopEnv desktop(...);   // platform/desktop
//   telegate::ClientOptions options;
//   options.env = desktop.env();
#ifndef TELEGATE_ENV_H_
#define TELEGATE_ENV_H_

#include "telegate/access_context.h"
#include "telegate/base_stations.h"
#include "telegate/clock.h"
#include "telegate/device_facts.h"
#include "telegate/device_identity.h"
#include "telegate/installed_apps.h"
#include "telegate/key_store.h"
#include "telegate/location_source.h"
#include "telegate/nearby_networks.h"
#include "telegate/network_info.h"
#include "telegate/permission_source.h"
#include "telegate/task_scheduler.h"
#include "telegate/usage_records.h"

namespace telegate {

// Borrowed pointers: each must outlive every client opened with this Env.
// `permissions` and `key_store` are required; a null `clock` means
// Clock::Real(); a null `device_facts` means device facts are unavailable.
struct Env {
  PermissionSource* permissions = nullptr;
  KeyStore* key_store = nullptr;
  Clock* clock = nullptr;
  DeviceFacts* device_facts = nullptr;

  // Collection sources, one per concept. Each is called only by the
  // collector of an open category (see sdk/src/collect/). Null: the platform
  // has no such source, and Client::Collect of the categories it serves
  // answers kUnavailable.
  DeviceIdentity* device_identity = nullptr;  // device.identifiers
  InstalledApps* installed_apps = nullptr;    // device.app_list
  UsageRecords* usage_records = nullptr;      // device.usage
  LocationSource* location = nullptr;         // location.precise, .coarse
  NearbyNetworks* nearby_networks = nullptr;  // location.wifi, .bluetooth
  BaseStations* base_stations = nullptr;      // location.cell
  NetworkInfo* network = nullptr;             // network.carrier
  AccessContext* access = nullptr;            // log.access
  // Timers for the catalog's collection schedules. Null: the client never
  // collects on its own (Client::Collect still works).
  TaskScheduler* scheduler = nullptr;
};

}  // namespace telegate

#endif  // TELEGATE_ENV_H_
