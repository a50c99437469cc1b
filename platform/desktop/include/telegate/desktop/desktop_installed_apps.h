// DesktopInstalledApps: the installed-package list of a Debian-family system,
// read from dpkg's status database (/var/lib/dpkg/status): the names of the
// packages whose state is "installed". Nothing else is read (no versions, no
// file lists).
//
//   telegate::desktop::DesktopInstalledApps apps;   // the real database
//   env.installed_apps = &apps;
#ifndef TELEGATE_DESKTOP_DESKTOP_INSTALLED_APPS_H_
#define TELEGATE_DESKTOP_DESKTOP_INSTALLED_APPS_H_

#include <string>

#include "absl/strings/string_view.h"
#include "telegate/export.h"
#include "telegate/installed_apps.h"

namespace telegate::desktop {

inline constexpr char kDpkgStatusPath[] = "/var/lib/dpkg/status";

// Thread-safe (stateless apart from its constant path).
class TELEGATE_EXPORT DesktopInstalledApps : public InstalledApps {
 public:
  explicit DesktopInstalledApps(std::string status_path = kDpkgStatusPath);

  // kNotFound if the database cannot be read; otherwise the packages that
  // could be parsed, with a warning per malformed entry.
  absl::StatusOr<AppList> List() override;

  // Parses dpkg status text (RFC 822-style stanzas separated by blank
  // lines).
  static AppList Parse(absl::string_view text);

 private:
  const std::string status_path_;
};

}  // namespace telegate::desktop

#endif  // TELEGATE_DESKTOP_DESKTOP_INSTALLED_APPS_H_
