// absl::Status <-> NSError in TGErrorDomain (codes are absl::StatusCode).
//
//   - (BOOL)anonymize:(NSError **)error {
//     return ReportStatus(client->Anonymize(), error);
//   }
//
// Thread-safe (pure functions).
#ifndef TELEGATE_PLATFORM_IOS_SRC_STATUS_CONVERT_H_
#define TELEGATE_PLATFORM_IOS_SRC_STATUS_CONVERT_H_

#import <Foundation/Foundation.h>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace telegate::ios_internal {

// An autoreleased error for a non-OK `status`: domain TGErrorDomain, code
// status.code(), localizedDescription status.message(). nil for OK.
NSError* ToNSError(const absl::Status& status);

// YES for OK; otherwise sets *error (when `error` is not NULL) and returns NO.
BOOL ReportStatus(const absl::Status& status, NSError** error);

// The status an app seam's NSError stands for: its own code when it is in
// TGErrorDomain, kUnavailable otherwise. `what` names the call for the
// message ("key store -keyNamed:error:"). A nil error is kInternal: the seam
// failed without saying why.
absl::Status FromNSError(NSError* error, absl::string_view what);

}  // namespace telegate::ios_internal

#endif  // TELEGATE_PLATFORM_IOS_SRC_STATUS_CONVERT_H_
