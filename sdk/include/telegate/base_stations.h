// BaseStations: the cellular base stations the device sees, for the
// location.cell collector (called only while that category is open).
//
// Android implements it over TelephonyManager.getAllCellInfo; iOS has no
// such API; desktop reads the host's device script.
#ifndef TELEGATE_BASE_STATIONS_H_
#define TELEGATE_BASE_STATIONS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "telegate/export.h"

namespace telegate {

struct BaseStation {
  std::string radio;  // "gsm", "wcdma", "lte", "nr", ...
  std::optional<int64_t> mcc;
  std::optional<int64_t> mnc;
  std::optional<int64_t> area_code;  // LAC or TAC
  std::optional<int64_t> cell_id;
  std::optional<int64_t> signal_dbm;
};

struct BaseStationScan {
  std::vector<BaseStation> stations;
  std::vector<std::string> warnings;  // input problems; see LocationFix
};

// Implementations must be thread-safe.
class TELEGATE_EXPORT BaseStations {
 public:
  virtual ~BaseStations() = default;
  // The serving and neighbouring cells. kUnavailable without a modem.
  virtual absl::StatusOr<BaseStationScan> Scan() = 0;
};

}  // namespace telegate

#endif  // TELEGATE_BASE_STATIONS_H_
