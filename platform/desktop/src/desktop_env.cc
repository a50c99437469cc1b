#include "telegate/desktop/desktop_env.h"

#include "telegate/clock.h"

namespace telegate::desktop {

DesktopEnv::DesktopEnv(const DesktopEnvOptions& options)
    : keys_(options.key_dir),
      permissions_(options.permission_state_file, options.platform,
                   options.os_level),
      facts_(options.app_version),
      script_(options.device_script.empty()
                  ? nullptr
                  : std::make_unique<DeviceScript>(options.device_script)),
      network_(script_.get()),
      access_(options.user_agent) {
  env_.permissions = &permissions_;
  env_.key_store = &keys_;
  env_.clock = Clock::Real();
  env_.device_facts = &facts_;
  env_.device_identity = &identity_;
  env_.installed_apps = &apps_;
  env_.network = &network_;
  env_.access = &access_;
  env_.scheduler = &scheduler_;
  if (script_ != nullptr) {
    env_.location = script_.get();
    env_.nearby_networks = script_.get();
    env_.base_stations = script_.get();
    env_.usage_records = script_.get();
  }
}

absl::StatusOr<std::unique_ptr<DesktopEnv>> DesktopEnv::Create(
    const DesktopEnvOptions& options) {
  if (options.key_dir.empty()) {
    return absl::InvalidArgumentError("DesktopEnvOptions.key_dir is required");
  }
  std::unique_ptr<DesktopEnv> env(new DesktopEnv(options));
  absl::Status loaded = env->permissions_.Load();
  if (!loaded.ok()) return loaded;
  return env;
}

}  // namespace telegate::desktop
