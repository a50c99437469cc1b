// DesktopPermissionSource: a PermissionSource the host drives, standing in for
// the phone's permission dialogs on desktop (the demo's `os` command).
//
// Names are the platform's (Android by default: "ACCESS_FINE_LOCATION").
// Everything starts denied. With a state file, the granted set survives a
// restart of the process, as the phone's settings would.
//
//   telegate::desktop::DesktopPermissionSource os(dir + "/os-permissions");
//   os.Load();
//   os.Set("ACCESS_FINE_LOCATION", true);   // listener runs before return
#ifndef TELEGATE_DESKTOP_DESKTOP_PERMISSION_SOURCE_H_
#define TELEGATE_DESKTOP_DESKTOP_PERMISSION_SOURCE_H_

#include <map>
#include <mutex>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "telegate/export.h"
#include "telegate/permission_source.h"

namespace telegate::desktop {

// Thread-safe.
class TELEGATE_EXPORT DesktopPermissionSource : public PermissionSource {
 public:
  // `state_file` may be empty (memory only).
  explicit DesktopPermissionSource(std::string state_file = "",
                                   Platform platform = Platform::kAndroid,
                                   int os_level = 34);

  // Reads the state file, if any. A missing file is an empty state.
  // kInvalidArgument naming the line for a malformed file (nothing loaded).
  absl::Status Load();

  // Grants or denies `permission`, persists the state, then notifies the
  // listener (which, for a client, runs the revocation barrier) before
  // returning. kInvalidArgument for a malformed name.
  absl::Status Set(absl::string_view permission, bool granted);

  // Parses "NAME granted|denied" lines ('#' comments, blank lines allowed).
  static absl::StatusOr<std::map<std::string, bool>> Parse(
      absl::string_view text);

  Platform platform() const override { return platform_; }
  int os_level() const override { return os_level_; }
  bool IsGranted(absl::string_view permission) override;
  void SetListener(Listener* listener) override;

 private:
  absl::Status Save() const;  // requires state_mu_

  const std::string state_file_;
  const Platform platform_;
  const int os_level_;
  mutable std::mutex state_mu_;
  std::map<std::string, bool> state_;  // guarded by state_mu_
  // Held while the listener runs (never together with state_mu_), so that
  // SetListener(nullptr) waits for a notification in progress.
  std::mutex listener_mu_;
  Listener* listener_ = nullptr;  // guarded by listener_mu_
};

}  // namespace telegate::desktop

#endif  // TELEGATE_DESKTOP_DESKTOP_PERMISSION_SOURCE_H_
