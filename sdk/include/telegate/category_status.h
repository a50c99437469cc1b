// CategoryStatus: one row of the "My permissions" screen.
#ifndef TELEGATE_CATEGORY_STATUS_H_
#define TELEGATE_CATEGORY_STATUS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "telegate/export.h"

namespace telegate {

enum class Sensitivity { kNonPersonal, kPersonal, kSensitive };

// Why a category is closed. A closed category may have several reasons.
enum class ClosedReason {
  kConsentOff,         // the user has not switched it on
  kPermissionMissing,  // an OS permission it needs is not granted
  kUnavailable,        // this platform cannot provide the category
  kPolicyReconsent,    // consent predates the current major policy version
  kMinor,              // user under 14 without guardian consent
};

// Returns a stable lower-case name such as "consent_off".
TELEGATE_EXPORT const char* ClosedReasonName(ClosedReason reason);

struct CategoryStatus {
  std::string name;
  bool open = false;
  std::vector<ClosedReason> reasons;          // empty when open
  std::vector<std::string> missing_permissions;  // with kPermissionMissing
  Sensitivity sensitivity = Sensitivity::kPersonal;
  bool identifying = false;
  std::string purpose;
  std::string contents;       // what the category holds, in the policy's words
  bool basic_function = false;  // basic (vs additional) function
  // The user's switch, and the policy version it was last set under
  // ("" if never set) and when (ms since the Unix epoch, 0 if never).
  bool consent_on = false;
  std::string consent_policy_version;
  int64_t consent_changed_ms = 0;
  // Events held in the encrypted buffer (committed) for this category.
  int64_t buffered_events = 0;
  // Problems the category's collector met in the platform's input since
  // Open (a missing file, a malformed line): each run still records the
  // fields that were valid.
  int64_t collection_warnings = 0;
};

}  // namespace telegate

#endif  // TELEGATE_CATEGORY_STATUS_H_
