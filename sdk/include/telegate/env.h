// Env: every seam between the portable core and the operating system,
// gathered in one struct. The core never includes a platform header; the
// host (or platform/<os>/) fills this in.
//
//   telegate::desktop::DesktopEnv desktop(...);   // platform/desktop
//   telegate::ClientOptions options;
//   options.env = desktop.env();
#ifndef TELEGATE_ENV_H_
#define TELEGATE_ENV_H_

#include "telegate/clock.h"
#include "telegate/device_facts.h"
#include "telegate/key_store.h"
#include "telegate/permission_source.h"

namespace telegate {

// Borrowed pointers: each must outlive every client opened with this Env.
// `permissions` and `key_store` are required; a null `clock` means
// Clock::Real(); a null `device_facts` means device facts are unavailable.
struct Env {
  PermissionSource* permissions = nullptr;
  KeyStore* key_store = nullptr;
  Clock* clock = nullptr;
  DeviceFacts* device_facts = nullptr;
};

}  // namespace telegate

#endif  // TELEGATE_ENV_H_
