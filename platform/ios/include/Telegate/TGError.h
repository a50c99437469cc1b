// TGError: how Telegate reports failures to Objective-C and Swift.
//
// Every failing call returns NO or nil and, when the caller passes an
// NSError **, an error in TGErrorDomain whose code is the C++ core's
// absl::StatusCode (the numbers are the same) and whose localizedDescription
// is the status message. Swift sees these calls as `throws` and the codes as
// TGError.Code.
//
//   NSError *error = nil;
//   if (![client setConsent:YES forCategory:@"log.search" error:&error]) {
//     if (error.code == TGErrorInvalidArgument) { ... }
//   }
#ifndef TELEGATE_TG_ERROR_H_
#define TELEGATE_TG_ERROR_H_

#import <Telegate/TGDefines.h>

NS_ASSUME_NONNULL_BEGIN

TG_EXTERN NSErrorDomain const TGErrorDomain;

// The codes of absl::StatusCode, with the same values (OK, 0, is never an
// error).
typedef NS_ERROR_ENUM(TGErrorDomain, TGErrorCode){
    TGErrorCancelled = 1,
    TGErrorUnknown = 2,
    // Bad input: an unknown category, an undeclared event or attribute, a
    // value of the wrong type, nil / NSNull, a string that is not valid
    // Unicode (an unpaired UTF-16 surrogate).
    TGErrorInvalidArgument = 3,
    // A barrier or flush did not finish in time (the work still completes).
    TGErrorDeadlineExceeded = 4,
    TGErrorNotFound = 5,
    TGErrorAlreadyExists = 6,
    // The category is closed.
    TGErrorPermissionDenied = 7,
    // The in-memory queue is full.
    TGErrorResourceExhausted = 8,
    // The client is closed, or the call does not apply in this state.
    TGErrorFailedPrecondition = 9,
    TGErrorAborted = 10,
    TGErrorOutOfRange = 11,
    TGErrorUnimplemented = 12,
    // A seam broke its contract: it threw an Objective-C exception, or
    // returned nil without an error.
    TGErrorInternal = 13,
    // The platform could not provide something (key store, device facts).
    TGErrorUnavailable = 14,
    // The consent ledger's hash chain does not verify.
    TGErrorDataLoss = 15,
    TGErrorUnauthenticated = 16,
};

NS_ASSUME_NONNULL_END

#endif  // TELEGATE_TG_ERROR_H_
