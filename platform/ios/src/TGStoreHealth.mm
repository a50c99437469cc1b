#import "Telegate/TGStoreHealth.h"

#include "objc_memory.h"
#include "status_convert.h"
#include "string_convert.h"
#include "value_bridge.h"

using telegate::ios_internal::DateFromMillis;
using telegate::ios_internal::ToNSError;
using telegate::ios_internal::ToNSString;

@interface TGStoreIncident (Internal)
- (instancetype)initWithIncident:(const telegate::StoreIncident&)incident;
@end

@implementation TGStoreIncident

@synthesize problem = _problem;
@synthesize file = _file;
@synthesize category = _category;
@synthesize detail = _detail;
@synthesize eventsLost = _eventsLost;
@synthesize date = _date;

- (instancetype)initWithIncident:(const telegate::StoreIncident&)incident {
  if ((self = [super init])) {
    switch (incident.problem) {
      case telegate::StoreProblem::kKeyMissing:
        _problem = TGStoreProblemKeyMissing;
        break;
      case telegate::StoreProblem::kUndecryptable:
        _problem = TGStoreProblemUndecryptable;
        break;
      case telegate::StoreProblem::kNewerSchema:
        _problem = TGStoreProblemNewerSchema;
        break;
      case telegate::StoreProblem::kPlanted:
        _problem = TGStoreProblemPlanted;
        break;
    }
    _file = TG_RETAIN(ToNSString(incident.file));
    _category = TG_RETAIN(ToNSString(incident.category));
    _detail = TG_RETAIN(ToNSString(incident.detail));
    _eventsLost = incident.events_lost;
    NSDate* date = DateFromMillis(incident.time_ms);
    _date = TG_RETAIN(date != nil ? date : [NSDate dateWithTimeIntervalSince1970:0]);
  }
  return self;
}

- (void)dealloc {
  TG_RELEASE(_file);
  TG_RELEASE(_category);
  TG_RELEASE(_detail);
  TG_RELEASE(_date);
  TG_SUPER_DEALLOC();
}

@end

@implementation TGStoreHealth

@synthesize databasesReplaced = _databasesReplaced;
@synthesize consentReset = _consentReset;
@synthesize incidents = _incidents;
@synthesize lastError = _lastError;

- (instancetype)initWithHealth:(const telegate::StoreHealth&)health {
  if ((self = [super init])) {
    _databasesReplaced = health.databases_replaced;
    _consentReset = health.consent_reset;
    NSMutableArray<TGStoreIncident*>* incidents =
        [NSMutableArray arrayWithCapacity:health.incidents.size()];
    for (const telegate::StoreIncident& incident : health.incidents) {
      TGStoreIncident* item = [[TGStoreIncident alloc] initWithIncident:incident];
      [incidents addObject:item];
      TG_RELEASE(item);
    }
    _incidents = TG_RETAIN(incidents);
    _lastError = TG_RETAIN(ToNSError(health.last_error));
  }
  return self;
}

- (void)dealloc {
  TG_RELEASE(_incidents);
  TG_RELEASE(_lastError);
  TG_SUPER_DEALLOC();
}

@end
