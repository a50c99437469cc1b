// CatchObjcException: runs code that calls into the app's Objective-C
// objects (a seam, an attribute value) and turns an Objective-C exception
// into a return value, so none ever unwinds into the C++ core or out of
// the API.
//
//   std::string thrown;
//   bool granted = false;
//   if (!CatchObjcException([&] { granted = [source_ isPermissionGranted:p]; },
//                           &thrown)) {
//     return false;  // `thrown` says "NSRangeException: ..."
//   }
//
// Each call runs inside its own autorelease pool: seams run on the client's
// C++ threads, which have none.
//
// Thread-safe. `body` must not throw C++ exceptions (nothing in the bridge
// does); it may hold C++ objects with destructors, which run as the
// Objective-C exception unwinds.
#ifndef TELEGATE_PLATFORM_IOS_SRC_SEAM_GUARD_H_
#define TELEGATE_PLATFORM_IOS_SRC_SEAM_GUARD_H_

#import <Foundation/Foundation.h>

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace telegate::ios_internal {

// Describes a caught exception object: "name: reason" for an NSException,
// the class name otherwise.
std::string DescribeException(id exception);

// Runs `body`; returns false and sets *thrown if it raised an Objective-C
// exception.
template <typename Body>
bool CatchObjcException(Body&& body, std::string* thrown) {
  // The pool is outside the @try: a pool drained by unwinding would leak.
  bool ok = true;
  @autoreleasepool {
    @try {
      body();
    } @catch (id exception) {
      *thrown = DescribeException(exception);
      ok = false;
    }
  }
  return ok;
}

// kInternal for an exception a seam threw from `what`.
absl::Status SeamThrew(absl::string_view what, const std::string& thrown);

}  // namespace telegate::ios_internal

#endif  // TELEGATE_PLATFORM_IOS_SRC_SEAM_GUARD_H_
