// LocationSource: the platform's position, for the location.precise and
// location.coarse collectors.
//
// Called only while the category it serves is open: CurrentFix(kPrecise) for
// location.precise, CurrentFix(kCoarse) for location.coarse (the coarse
// collector rounds whatever it gets; see sdk/src/collect/).
//
// Android implements it over FusedLocationProviderClient's last location,
// iOS over CLLocationManager, desktop over the host's device script.
#ifndef TELEGATE_LOCATION_SOURCE_H_
#define TELEGATE_LOCATION_SOURCE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "telegate/export.h"

namespace telegate {

enum class LocationAccuracy { kPrecise, kCoarse };

// A position fix. Optional fields the platform does not know stay empty.
struct LocationFix {
  double latitude = 0;   // degrees, WGS 84
  double longitude = 0;  // degrees, WGS 84
  std::optional<double> accuracy_m;
  std::optional<double> altitude_m;
  // ISO 3166-2 region the platform derived (geocoder or IP), "" if unknown.
  std::string region;
  // Problems met while reading (e.g. a malformed line of a device script);
  // the fields that could be read are filled.
  std::vector<std::string> warnings;
};

// Implementations must be thread-safe.
class TELEGATE_EXPORT LocationSource {
 public:
  virtual ~LocationSource() = default;
  // The current (or last known) fix at `accuracy`. kNotFound or kUnavailable
  // when there is none.
  virtual absl::StatusOr<LocationFix> CurrentFix(LocationAccuracy accuracy) = 0;
};

}  // namespace telegate

#endif  // TELEGATE_LOCATION_SOURCE_H_
