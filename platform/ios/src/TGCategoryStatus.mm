#import "Telegate/TGCategoryStatus.h"

#include "objc_memory.h"
#include "string_convert.h"
#include "value_bridge.h"

using telegate::ios_internal::DateFromMillis;
using telegate::ios_internal::ToClosedReasons;
using telegate::ios_internal::ToNSString;
using telegate::ios_internal::ToNSStrings;

NSArray<NSString*>* TGClosedReasonNames(TGClosedReasons reasons) {
  static const struct {
    TGClosedReasons bit;
    telegate::ClosedReason reason;
  } kReasons[] = {
      {TGClosedReasonConsentOff, telegate::ClosedReason::kConsentOff},
      {TGClosedReasonPermissionMissing, telegate::ClosedReason::kPermissionMissing},
      {TGClosedReasonUnavailable, telegate::ClosedReason::kUnavailable},
      {TGClosedReasonPolicyReconsent, telegate::ClosedReason::kPolicyReconsent},
      {TGClosedReasonMinor, telegate::ClosedReason::kMinor},
  };
  NSMutableArray<NSString*>* names = [NSMutableArray array];
  for (const auto& r : kReasons) {
    if ((reasons & r.bit) != 0) {
      [names addObject:ToNSString(telegate::ClosedReasonName(r.reason))];
    }
  }
  return names;
}

@implementation TGCategoryStatus

@synthesize name = _name;
@synthesize open = _open;
@synthesize closedReasons = _closedReasons;
@synthesize missingPermissions = _missingPermissions;
@synthesize sensitivity = _sensitivity;
@synthesize identifying = _identifying;
@synthesize purpose = _purpose;
@synthesize contents = _contents;
@synthesize basicFunction = _basicFunction;
@synthesize consentOn = _consentOn;
@synthesize consentPolicyVersion = _consentPolicyVersion;
@synthesize consentChangedAt = _consentChangedAt;
@synthesize bufferedEvents = _bufferedEvents;
@synthesize collectionWarnings = _collectionWarnings;

- (instancetype)initWithStatus:(const telegate::CategoryStatus&)status {
  if ((self = [super init])) {
    _name = TG_RETAIN(ToNSString(status.name));
    _open = status.open;
    _closedReasons = ToClosedReasons(status.reasons);
    _missingPermissions = TG_RETAIN(ToNSStrings(status.missing_permissions));
    switch (status.sensitivity) {
      case telegate::Sensitivity::kNonPersonal:
        _sensitivity = TGSensitivityNonPersonal;
        break;
      case telegate::Sensitivity::kPersonal:
        _sensitivity = TGSensitivityPersonal;
        break;
      case telegate::Sensitivity::kSensitive:
        _sensitivity = TGSensitivitySensitive;
        break;
    }
    _identifying = status.identifying;
    _purpose = TG_RETAIN(ToNSString(status.purpose));
    _contents = TG_RETAIN(ToNSString(status.contents));
    _basicFunction = status.basic_function;
    _consentOn = status.consent_on;
    if (!status.consent_policy_version.empty()) {
      _consentPolicyVersion = TG_RETAIN(ToNSString(status.consent_policy_version));
    }
    _consentChangedAt = TG_RETAIN(DateFromMillis(status.consent_changed_ms));
    _bufferedEvents = status.buffered_events;
    _collectionWarnings = status.collection_warnings;
  }
  return self;
}

- (void)dealloc {
  TG_RELEASE(_name);
  TG_RELEASE(_missingPermissions);
  TG_RELEASE(_purpose);
  TG_RELEASE(_contents);
  TG_RELEASE(_consentPolicyVersion);
  TG_RELEASE(_consentChangedAt);
  TG_SUPER_DEALLOC();
}

- (NSString*)description {
  return
      [NSString stringWithFormat:@"<TGCategoryStatus %@ %@>", _name, _open ? @"open" : @"closed"];
}

@end
