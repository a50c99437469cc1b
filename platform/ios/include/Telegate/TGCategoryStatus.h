// TGCategoryStatus: one row of the "My permissions" screen, as
// -[TGClient categoryStatus] returns it (one per catalog category, in
// catalog order).
//
//   for (TGCategoryStatus *s in [client categoryStatus]) {
//     cell.toggle.on = s.consentOn;
//     cell.detail = s.open ? @"on" : @"off";
//     if (s.closedReasons & TGClosedReasonPermissionMissing) { ... }
//   }
//
// Threading: immutable; safe to pass between threads.
#ifndef TELEGATE_TG_CATEGORY_STATUS_H_
#define TELEGATE_TG_CATEGORY_STATUS_H_

#import <Telegate/TGDefines.h>

NS_ASSUME_NONNULL_BEGIN

typedef NS_ENUM(NSInteger, TGSensitivity) {
  TGSensitivityNonPersonal = 0,
  TGSensitivityPersonal = 1,
  TGSensitivitySensitive = 2,
} NS_SWIFT_NAME(Sensitivity);

// Why a category is closed; a closed category may have several reasons.
typedef NS_OPTIONS(NSUInteger, TGClosedReasons) {
  TGClosedReasonConsentOff = 1u << 0,         // the user has not switched it on
  TGClosedReasonPermissionMissing = 1u << 1,  // an OS permission is not granted
  TGClosedReasonUnavailable = 1u << 2,        // this platform cannot provide it
  TGClosedReasonPolicyReconsent = 1u << 3,    // consent predates the policy
  TGClosedReasonMinor = 1u << 4,              // under 14, no guardian consent
} NS_SWIFT_NAME(ClosedReasons);

TG_EXPORT
NS_SWIFT_NAME(CategoryStatus)
@interface TGCategoryStatus : NSObject {
 @private
  NSString *_name;
  BOOL _open;
  TGClosedReasons _closedReasons;
  NSArray<NSString *> *_missingPermissions;
  TGSensitivity _sensitivity;
  BOOL _identifying;
  NSString *_purpose;
  NSString *_contents;
  BOOL _basicFunction;
  BOOL _consentOn;
  NSString *_consentPolicyVersion;
  NSDate *_consentChangedAt;
  int64_t _bufferedEvents;
  int64_t _collectionWarnings;
}
- (instancetype)init TG_UNAVAILABLE;
+ (instancetype)new TG_UNAVAILABLE;

@property(nonatomic, readonly, copy) NSString *name;
@property(nonatomic, readonly, getter=isOpen) BOOL open;
// Empty (0) when open.
@property(nonatomic, readonly) TGClosedReasons closedReasons;
// The OS permissions that are missing (with TGClosedReasonPermissionMissing),
// e.g. @"PRECISE_LOCATION".
@property(nonatomic, readonly, copy) NSArray<NSString *> *missingPermissions;
@property(nonatomic, readonly) TGSensitivity sensitivity;
@property(nonatomic, readonly, getter=isIdentifying) BOOL identifying;
@property(nonatomic, readonly, copy) NSString *purpose;
// What the category holds, in the policy's words.
@property(nonatomic, readonly, copy) NSString *contents;
// A basic (rather than additional) function of the app.
@property(nonatomic, readonly, getter=isBasicFunction) BOOL basicFunction;
// The user's switch, the policy version it was last set under (nil if
// never set) and when (nil if never).
@property(nonatomic, readonly, getter=isConsentOn) BOOL consentOn;
@property(nonatomic, readonly, copy, nullable) NSString *consentPolicyVersion;
@property(nonatomic, readonly, copy, nullable) NSDate *consentChangedAt;
// Events held in the encrypted buffer for this category.
@property(nonatomic, readonly) int64_t bufferedEvents;
// Problems the category's collector met in the platform's input.
@property(nonatomic, readonly) int64_t collectionWarnings;
@end

// A stable lower-case name for each single reason: @"consent_off",
// @"permission_missing", @"unavailable", @"policy_reconsent", @"minor".
TG_EXTERN NSArray<NSString *> *TGClosedReasonNames(TGClosedReasons reasons)
    NS_SWIFT_NAME(closedReasonNames(_:));

NS_ASSUME_NONNULL_END

#endif  // TELEGATE_TG_CATEGORY_STATUS_H_
