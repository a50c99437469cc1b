#import "Telegate/TGCollectionReport.h"

#include "objc_memory.h"
#include "string_convert.h"
#include "value_bridge.h"

using telegate::ios_internal::ToNSString;
using telegate::ios_internal::ToNSStrings;

@interface TGCollectedField (Internal)
- (instancetype)initWithKey:(NSString*)key value:(NSString*)value;
@end

@interface TGCollectedEvent (Internal)
- (instancetype)initWithEvent:(const telegate::CollectedEventReport&)event;
@end

@implementation TGCollectedField

@synthesize key = _key;
@synthesize value = _value;

- (instancetype)initWithKey:(NSString*)key value:(NSString*)value {
  if ((self = [super init])) {
    _key = [key copy];
    _value = [value copy];
  }
  return self;
}

- (void)dealloc {
  TG_RELEASE(_key);
  TG_RELEASE(_value);
  TG_SUPER_DEALLOC();
}

@end

@implementation TGCollectedEvent

@synthesize name = _name;
@synthesize fields = _fields;

- (instancetype)initWithEvent:(const telegate::CollectedEventReport&)event {
  if ((self = [super init])) {
    _name = TG_RETAIN(ToNSString(event.name));
    NSMutableArray<TGCollectedField*>* fields =
        [NSMutableArray arrayWithCapacity:event.fields.size()];
    for (const auto& [key, value] : event.fields) {
      TGCollectedField* field = [[TGCollectedField alloc] initWithKey:ToNSString(key)
                                                                value:ToNSString(value)];
      [fields addObject:field];
      TG_RELEASE(field);
    }
    _fields = TG_RETAIN(fields);
  }
  return self;
}

- (void)dealloc {
  TG_RELEASE(_name);
  TG_RELEASE(_fields);
  TG_SUPER_DEALLOC();
}

@end

@implementation TGCollectionReport

@synthesize category = _category;
@synthesize events = _events;
@synthesize warnings = _warnings;

- (instancetype)initWithReport:(const telegate::CollectionReport&)report {
  if ((self = [super init])) {
    _category = TG_RETAIN(ToNSString(report.category));
    NSMutableArray<TGCollectedEvent*>* events =
        [NSMutableArray arrayWithCapacity:report.events.size()];
    for (const telegate::CollectedEventReport& event : report.events) {
      TGCollectedEvent* item = [[TGCollectedEvent alloc] initWithEvent:event];
      [events addObject:item];
      TG_RELEASE(item);
    }
    _events = TG_RETAIN(events);
    _warnings = TG_RETAIN(ToNSStrings(report.warnings));
  }
  return self;
}

- (void)dealloc {
  TG_RELEASE(_category);
  TG_RELEASE(_events);
  TG_RELEASE(_warnings);
  TG_SUPER_DEALLOC();
}

@end
