// DesktopEnv: the Env for Linux hosts — a 0600 key file per key, a
// permission table the host drives, the real machine's device facts and the
// real clock.
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
#include "telegate/desktop/desktop_device_facts.h"
#include "telegate/desktop/desktop_permission_source.h"
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

 private:
  explicit DesktopEnv(const DesktopEnvOptions& options);

  FileKeyStore keys_;
  DesktopPermissionSource permissions_;
  DesktopDeviceFacts facts_;
  Env env_;
};

}  // namespace telegate::desktop

#endif  // TELEGATE_DESKTOP_DESKTOP_ENV_H_
