#import "Telegate/TGCategoryChange.h"

#include <memory>
#include <utility>

#include "objc_memory.h"
#include "status_observation.h"
#include "string_convert.h"
#include "telegate/status_observer.h"
#include "value_bridge.h"

using telegate::ios_internal::ObservationState;
using telegate::ios_internal::ToClosedReasons;
using telegate::ios_internal::ToNSString;
using telegate::ios_internal::ToNSStrings;

namespace {

TGChangeSource ToChangeSource(telegate::ChangeSource source) {
  switch (source) {
    case telegate::ChangeSource::kUser:
      return TGChangeSourceUser;
    case telegate::ChangeSource::kOs:
      return TGChangeSourceOS;
    case telegate::ChangeSource::kHost:
      return TGChangeSourceHost;
    case telegate::ChangeSource::kStartup:
      return TGChangeSourceStartup;
    case telegate::ChangeSource::kPolicy:
      return TGChangeSourcePolicy;
  }
  return TGChangeSourceHost;
}

}  // namespace

NSString* TGChangeSourceName(TGChangeSource source) {
  switch (source) {
    case TGChangeSourceUser:
      return ToNSString(telegate::ChangeSourceName(telegate::ChangeSource::kUser));
    case TGChangeSourceOS:
      return ToNSString(telegate::ChangeSourceName(telegate::ChangeSource::kOs));
    case TGChangeSourceHost:
      return ToNSString(telegate::ChangeSourceName(telegate::ChangeSource::kHost));
    case TGChangeSourceStartup:
      return ToNSString(telegate::ChangeSourceName(telegate::ChangeSource::kStartup));
    case TGChangeSourcePolicy:
      return ToNSString(telegate::ChangeSourceName(telegate::ChangeSource::kPolicy));
  }
  return @"unknown";
}

@interface TGCategoryChange (Internal)
- (instancetype)initWithChange:(const telegate::CategoryChange&)change;
@end

@implementation TGCategoryChange

@synthesize category = _category;
@synthesize open = _open;
@synthesize closedReasons = _closedReasons;
@synthesize missingPermissions = _missingPermissions;
@synthesize source = _source;

- (instancetype)initWithChange:(const telegate::CategoryChange&)change {
  if ((self = [super init])) {
    _category = TG_RETAIN(ToNSString(change.category));
    _open = change.open;
    _closedReasons = ToClosedReasons(change.reasons);
    _missingPermissions = TG_RETAIN(ToNSStrings(change.missing_permissions));
    _source = ToChangeSource(change.source);
  }
  return self;
}

- (void)dealloc {
  TG_RELEASE(_category);
  TG_RELEASE(_missingPermissions);
  TG_SUPER_DEALLOC();
}

- (NSString*)description {
  return [NSString stringWithFormat:@"<TGCategoryChange %@ %@ (%@)>", _category,
                                    _open ? @"open" : @"closed", TGChangeSourceName(_source)];
}

@end

// The handle holds the state through a heap shared_ptr (no C++ instance
// variables on the GNU runtime).
@implementation TGStatusObservation

- (instancetype)initWithState:(std::shared_ptr<ObservationState>)state {
  if ((self = [super init])) {
    _impl = new std::shared_ptr<ObservationState>(std::move(state));
  }
  return self;
}

- (void)dealloc {
  delete static_cast<std::shared_ptr<ObservationState>*>(_impl);
  TG_SUPER_DEALLOC();
}

- (void)invalidate {
  (*static_cast<std::shared_ptr<ObservationState>*>(_impl))->Invalidate();
}

- (BOOL)isValid {
  return (*static_cast<std::shared_ptr<ObservationState>*>(_impl))->valid();
}

@end
