// TestEnv: an Env made of fakes, and helpers to open clients on it.
#ifndef TELEGATE_TESTS_SUPPORT_CLIENT_FIXTURE_H_
#define TELEGATE_TESTS_SUPPORT_CLIENT_FIXTURE_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/strings/string_view.h"
#include "fakes/fake_access_context.h"
#include "fakes/fake_base_stations.h"
#include "fakes/fake_clock.h"
#include "fakes/fake_device_facts.h"
#include "fakes/fake_device_identity.h"
#include "fakes/fake_installed_apps.h"
#include "fakes/fake_key_store.h"
#include "fakes/fake_location_source.h"
#include "fakes/fake_nearby_networks.h"
#include "fakes/fake_network_info.h"
#include "fakes/fake_permission_source.h"
#include "fakes/fake_task_scheduler.h"
#include "fakes/fake_usage_records.h"
#include "telegate/telegate.h"

namespace telegate::testing {

struct TestEnv {
  FakePermissionSource permissions;
  FakeKeyStore keys;
  FakeClock clock;
  // Collection sources: every one scripted and counting its calls.
  FakeDeviceFacts device_facts;
  FakeDeviceIdentity identity;
  FakeInstalledApps apps;
  FakeUsageRecords usage;
  FakeLocationSource location;
  FakeNearbyNetworks nearby;
  FakeBaseStations cells;
  FakeNetworkInfo network;
  FakeAccessContext access;
  // Virtual time: scheduled collections run only when a test advances it.
  FakeTaskScheduler scheduler;
  Env env;

  explicit TestEnv(Platform platform = Platform::kAndroid, int os_level = 34)
      : permissions(platform, os_level) {
    env.permissions = &permissions;
    env.key_store = &keys;
    env.clock = &clock;
    env.device_facts = &device_facts;
    env.device_identity = &identity;
    env.installed_apps = &apps;
    env.usage_records = &usage;
    env.location = &location;
    env.nearby_networks = &nearby;
    env.base_stations = &cells;
    env.network = &network;
    env.access = &access;
    env.scheduler = &scheduler;
  }
  ClientOptions Options(const std::string& data_dir) const {
    ClientOptions options;
    options.data_dir = data_dir;
    options.env = &env;
    return options;
  }

  // Calls to the platform methods behind `category` so far (always 0 for a
  // category the app records itself, such as log.search).
  int PlatformCalls(absl::string_view category) const;
  // Calls to every collection source so far.
  int AllPlatformCalls() const;
  // Grants every permission the catalog names on this platform, quietly.
  void GrantAllPermissions();
};

// Moves the fake scheduler's time forward by `d` one due timer at a time,
// letting `client`'s writer thread handle each fired timer (run the
// collection, re-arm the next one) before looking for the next: time passes
// as it would on a device. Ends with everything collected so far committed.
void AdvanceAndSettle(TestEnv& env, Client* client, absl::Duration d);

// The default policy at version `major`.`minor`, with location.precise
// redefined in `precise_definition` (a consent given under an older major
// then needs renewing), and reconsent_all_on_major as given. Versions
// before `major` are listed as earlier ones (1.0 when major > 1).
std::string PolicyAt(uint32_t major, uint32_t minor,
                     uint32_t precise_definition, bool reconsent_all = false);

// Opens a client or fails the test (ASSERT-style: returns nullptr).
std::unique_ptr<Client> OpenOrDie(const ClientOptions& options);

}  // namespace telegate::testing

#endif  // TELEGATE_TESTS_SUPPORT_CLIENT_FIXTURE_H_
