// PolicyVersion: a privacy-policy version "major.minor".
//
//   absl::StatusOr<PolicyVersion> v = PolicyVersion::Parse("2.1");
//   if (v->major > accepted.major) { ... a major change ... }
#ifndef TELEGATE_CONSENT_POLICY_VERSION_H_
#define TELEGATE_CONSENT_POLICY_VERSION_H_

#include <cstdint>
#include <string>
#include <tuple>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace telegate::consent_internal {

// Value type.
struct PolicyVersion {
  uint32_t major = 0;
  uint32_t minor = 0;

  // "M.m" with decimal numbers, M >= 1 (no sign, no blanks, no extra parts).
  // kInvalidArgument otherwise.
  static absl::StatusOr<PolicyVersion> Parse(absl::string_view text);
  std::string ToString() const;
  bool valid() const { return major > 0; }

  friend bool operator==(PolicyVersion a, PolicyVersion b) {
    return a.major == b.major && a.minor == b.minor;
  }
  friend bool operator!=(PolicyVersion a, PolicyVersion b) { return !(a == b); }
  friend bool operator<(PolicyVersion a, PolicyVersion b) {
    return std::tie(a.major, a.minor) < std::tie(b.major, b.minor);
  }
};

}  // namespace telegate::consent_internal

#endif  // TELEGATE_CONSENT_POLICY_VERSION_H_
