// DesktopEnv: the Env for Linux hosts — a 0600 key file per key, a
// permission table the host drives, the real clock, one timer thread, and
// the real machine's facts wherever Linux has them: device facts (uname,
// os-release, locale, CPU, memory), the machine id, dpkg's package list, the
// network interfaces and the local address. Location, Wi-Fi, Bluetooth, cell
// and app usage have no desktop source: with a device script
// (DesktopEnvOptions::device_script, see device_script.h) they come from the
// host's file; without one those sources are absent (null).
//
//   telegate::desktop::DesktopEnvOptions env_options;
//   env_options.key_dir = data_dir + "/keys";
//   auto env = telegate::desktop::DesktopEnv::Create(env_options);
//   telegate::ClientOptions options;
//   options.env = (*env)->env();
#ifndef TELEGATE_DESKTOP_DESKTOP_ENV_H_
#define TELEGATE_DESKTOP_DESKTOP_ENV_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "telegate/desktop/desktop_access_context.h"
#include "telegate/desktop/desktop_device_facts.h"
#include "telegate/desktop/desktop_device_identity.h"
#include "telegate/desktop/desktop_installed_apps.h"
#include "telegate/desktop/desktop_network_info.h"
#include "telegate/desktop/desktop_permission_source.h"
#include "telegate/desktop/desktop_task_scheduler.h"
#include "telegate/desktop/device_script.h"
#include "telegate/desktop/file_key_store.h"
#include "telegate/env.h"
#include "telegate/export.h"

namespace telegate::desktop {

struct DesktopEnvOptions {
  // Where key files live. Required.
  std::string key_dir;
  // Where the permission table is persisted; empty = memory only.
  std::string permission_state_file;
  std::string app_version = "0.0.0";
  Platform platform = Platform::kAndroid;
  int os_level = 34;
  // The host's device script for location, Wi-Fi, Bluetooth, cell, app
  // usage and the operator; empty = none (those sources are absent).
  std::string device_script;
  // Reported as log.access's browser.
  std::string user_agent;
};

// Thread-safe; must outlive every client that uses env().
class TELEGATE_EXPORT DesktopEnv {
 public:
  // kInvalidArgument without a key_dir; kInvalidArgument if the permission
  // state file is malformed.
  static absl::StatusOr<std::unique_ptr<DesktopEnv>> Create(
      const DesktopEnvOptions& options);

  const Env* env() const { return &env_; }
  DesktopPermissionSource* permissions() { return &permissions_; }
  FileKeyStore* key_store() { return &keys_; }
  DesktopTaskScheduler* scheduler() { return &scheduler_; }

 private:
  explicit DesktopEnv(const DesktopEnvOptions& options);

  FileKeyStore keys_;
  DesktopPermissionSource permissions_;
  DesktopDeviceFacts facts_;
  DesktopDeviceIdentity identity_;
  DesktopInstalledApps apps_;
  std::unique_ptr<DeviceScript> script_;  // null without a device script
  DesktopNetworkInfo network_;
  DesktopAccessContext access_;
  // After the sources: destroyed before them, so no timer task runs while
  // they go away.
  DesktopTaskScheduler scheduler_;
  Env env_;
};

}  // namespace telegate::desktop

#endif  // TELEGATE_DESKTOP_DESKTOP_ENV_H_
