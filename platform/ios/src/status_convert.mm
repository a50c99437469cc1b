#include "status_convert.h"

#include <string>

#import "Telegate/TGError.h"
#include "absl/strings/str_cat.h"
#include "string_convert.h"

namespace telegate::ios_internal {

NSError* ToNSError(const absl::Status& status) {
  if (status.ok()) return nil;
  NSString* message = ToNSString(status.message());
  if ([message length] == 0) {
    message = ToNSString(absl::StatusCodeToString(status.code()));
  }
  return [NSError errorWithDomain:TGErrorDomain
                             code:static_cast<NSInteger>(status.code())
                         userInfo:[NSDictionary dictionaryWithObject:message
                                                              forKey:NSLocalizedDescriptionKey]];
}

BOOL ReportStatus(const absl::Status& status, NSError** error) {
  if (status.ok()) return YES;
  if (error != nullptr) *error = ToNSError(status);
  return NO;
}

absl::Status FromNSError(NSError* error, absl::string_view what) {
  if (error == nil) {
    return absl::InternalError(absl::StrCat(what, " failed without an NSError"));
  }
  std::string description;
  if (!ToUtf8([error localizedDescription], "description", kMaxArgumentUnits, &description).ok()) {
    description = "(description not valid Unicode)";
  }
  const NSInteger code = [error code];
  if ([[error domain] isEqualToString:TGErrorDomain] && code >= 1 && code <= 16) {
    return absl::Status(static_cast<absl::StatusCode>(code), absl::StrCat(what, ": ", description));
  }
  std::string domain;
  if (!ToUtf8([error domain], "domain", kMaxNameUnits, &domain).ok()) {
    domain = "?";
  }
  return absl::UnavailableError(
      absl::StrCat(what, ": ", domain, " ", static_cast<long>(code), ": ", description));
}

}  // namespace telegate::ios_internal
