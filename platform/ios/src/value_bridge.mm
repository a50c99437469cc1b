#include "value_bridge.h"

#include <cmath>

namespace telegate::ios_internal {

TGClosedReasons ToClosedReasons(const std::vector<ClosedReason>& reasons) {
  TGClosedReasons bits = 0;
  for (ClosedReason reason : reasons) {
    switch (reason) {
      case ClosedReason::kConsentOff:
        bits |= TGClosedReasonConsentOff;
        break;
      case ClosedReason::kPermissionMissing:
        bits |= TGClosedReasonPermissionMissing;
        break;
      case ClosedReason::kUnavailable:
        bits |= TGClosedReasonUnavailable;
        break;
      case ClosedReason::kPolicyReconsent:
        bits |= TGClosedReasonPolicyReconsent;
        break;
      case ClosedReason::kMinor:
        bits |= TGClosedReasonMinor;
        break;
    }
  }
  return bits;
}

NSDate* DateFromMillis(int64_t ms) {
  if (ms == 0) return nil;
  return [NSDate dateWithTimeIntervalSince1970:static_cast<double>(ms) / 1000];
}

absl::Duration DurationFromSeconds(NSTimeInterval seconds) {
  if (!(seconds > 0)) return absl::ZeroDuration();  // also NaN
  if (seconds > 1e12) return absl::InfiniteDuration();
  return absl::Seconds(seconds);
}

NSData* ToNSData(const std::string& bytes) {
  return [NSData dataWithBytes:bytes.data() length:bytes.size()];
}

}  // namespace telegate::ios_internal
