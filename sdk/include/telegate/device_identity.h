// DeviceIdentity: the platform's device and advertising identifiers, for the
// device.identifiers collector (called only while that category is open).
//
// The identifiers leave the platform raw and are replaced at once, in the
// collector, by app-scoped hashes (HMAC-SHA256 keyed by the app id), so no
// raw identifier is ever stored or sent. The install id is not the
// platform's: the client creates it when the category opens and keeps it in
// the category's own encrypted file, so a revoke destroys it.
//
// Android implements it over Settings.Secure.ANDROID_ID and the advertising
// id, iOS over identifierForVendor and ASIdentifierManager, desktop over
// /etc/machine-id (no advertising id).
#ifndef TELEGATE_DEVICE_IDENTITY_H_
#define TELEGATE_DEVICE_IDENTITY_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "telegate/export.h"

namespace telegate {

struct DeviceIds {
  std::string device_id;       // "" if unknown
  std::string advertising_id;  // "" if unknown or limited by the user
  std::vector<std::string> warnings;  // input problems; see LocationFix
};

// Implementations must be thread-safe.
class TELEGATE_EXPORT DeviceIdentity {
 public:
  virtual ~DeviceIdentity() = default;
  virtual absl::StatusOr<DeviceIds> Read() = 0;
};

}  // namespace telegate

#endif  // TELEGATE_DEVICE_IDENTITY_H_
