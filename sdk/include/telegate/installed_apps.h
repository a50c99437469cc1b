// InstalledApps: the installed-application list, for the device.app_list
// collector (called only while that category is open).
//
// Android implements it over PackageManager (QUERY_ALL_PACKAGES); iOS cannot
// list applications; desktop reads the system's package database (dpkg).
#ifndef TELEGATE_INSTALLED_APPS_H_
#define TELEGATE_INSTALLED_APPS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "telegate/export.h"

namespace telegate {

struct AppList {
  // Package names only (no versions, paths or install times).
  std::vector<std::string> packages;
  // Problems met while reading (a malformed database entry...); the entries
  // that could be read are listed.
  std::vector<std::string> warnings;
};

// Implementations must be thread-safe.
class TELEGATE_EXPORT InstalledApps {
 public:
  virtual ~InstalledApps() = default;
  // kNotFound / kUnavailable if the list cannot be read at all.
  virtual absl::StatusOr<AppList> List() = 0;
};

}  // namespace telegate

#endif  // TELEGATE_INSTALLED_APPS_H_
