#include "consent/policy_version.h"

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace telegate::consent_internal {

namespace {
bool ParseNumber(absl::string_view s, uint32_t* out) {
  if (s.empty() || s.size() > 9) return false;
  for (char c : s) {
    if (!absl::ascii_isdigit(c)) return false;
  }
  return absl::SimpleAtoi(s, out);
}
}  // namespace

absl::StatusOr<PolicyVersion> PolicyVersion::Parse(absl::string_view text) {
  size_t dot = text.find('.');
  PolicyVersion v;
  if (dot == absl::string_view::npos ||
      !ParseNumber(text.substr(0, dot), &v.major) ||
      !ParseNumber(text.substr(dot + 1), &v.minor) || v.major == 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "\"", text, "\" is not a policy version (expected major.minor, e.g. 1.0)"));
  }
  return v;
}

std::string PolicyVersion::ToString() const {
  return absl::StrCat(major, ".", minor);
}

}  // namespace telegate::consent_internal
