// NetworkInfo: the network the device uses and its telecom operator, for the
// network.carrier collector (called only while that category is open).
//
// Android implements it over ConnectivityManager and TelephonyManager, iOS
// over NWPathMonitor and CTCarrier, desktop over the network interfaces
// (their type; never their hardware addresses) plus the operator from the
// host's device script.
#ifndef TELEGATE_NETWORK_INFO_H_
#define TELEGATE_NETWORK_INFO_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "telegate/export.h"

namespace telegate {

struct CarrierInfo {
  // "wifi", "ethernet", "cellular", "none" or "" (unknown).
  std::string network_type;
  std::string operator_name;
  std::optional<int64_t> mcc;
  std::optional<int64_t> mnc;
  // Network interfaces that are up (loopback excluded).
  std::optional<int64_t> interface_count;
  std::vector<std::string> warnings;  // input problems; see LocationFix
};

// Implementations must be thread-safe.
class TELEGATE_EXPORT NetworkInfo {
 public:
  virtual ~NetworkInfo() = default;
  virtual absl::StatusOr<CarrierInfo> Carrier() = 0;
};

}  // namespace telegate

#endif  // TELEGATE_NETWORK_INFO_H_
