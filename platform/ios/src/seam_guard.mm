#include "seam_guard.h"

#include "absl/strings/str_cat.h"
#include "string_convert.h"

namespace telegate::ios_internal {

std::string DescribeException(id exception) {
  // Reading the exception can itself throw (a hostile subclass): guard it.
  std::string description = ClassName(exception);
  @try {
    if ([exception isKindOfClass:[NSException class]]) {
      NSException* e = static_cast<NSException*>(exception);
      std::string name, reason;
      ToUtf8([e name], "name", kMaxNameUnits, &name).IgnoreError();
      ToUtf8([e reason], "reason", kMaxArgumentUnits, &reason).IgnoreError();
      description = absl::StrCat(name.empty() ? description : name, ": ", reason);
    }
  } @catch (id) {
  }
  return description;
}

absl::Status SeamThrew(absl::string_view what, const std::string& thrown) {
  return absl::InternalError(absl::StrCat(what, " threw an Objective-C exception: ", thrown));
}

}  // namespace telegate::ios_internal
