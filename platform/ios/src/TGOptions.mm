#import "Telegate/TGOptions.h"

#include "absl/time/time.h"
#include "objc_memory.h"
#include "string_convert.h"
#include "telegate/options.h"

using telegate::ios_internal::ToNSString;

@implementation TGOptions

@synthesize dataDirectory = _dataDirectory;
@synthesize permissionSource = _permissionSource;
@synthesize keyStore = _keyStore;
@synthesize deviceFacts = _deviceFacts;
@synthesize deviceIdentity = _deviceIdentity;
@synthesize policyDocument = _policyDocument;
@synthesize appIdentifier = _appIdentifier;
@synthesize openTimeout = _openTimeout;
@synthesize controlTimeout = _controlTimeout;
@synthesize maxQueuedEvents = _maxQueuedEvents;
@synthesize maxQueuedBytes = _maxQueuedBytes;
@synthesize maxBatchEvents = _maxBatchEvents;
@synthesize maxBatchDelay = _maxBatchDelay;
@synthesize maxBufferedEvents = _maxBufferedEvents;
@synthesize maxBufferedBytes = _maxBufferedBytes;

- (instancetype)initWithDataDirectory:(NSString*)dataDirectory
                     permissionSource:(id<TGPermissionSource>)permissionSource
                             keyStore:(id<TGKeyStore>)keyStore {
  if ((self = [super init])) {
    _dataDirectory = [dataDirectory copy];
    _permissionSource = TG_RETAIN(permissionSource);
    _keyStore = TG_RETAIN(keyStore);
    // The C++ core's defaults (telegate/options.h).
    const telegate::ClientOptions defaults;
    _appIdentifier = [ToNSString(defaults.app_id) copy];
    _openTimeout = absl::ToDoubleSeconds(defaults.open_timeout);
    _controlTimeout = absl::ToDoubleSeconds(defaults.control_timeout);
    _maxQueuedEvents = defaults.max_queued_events;
    _maxQueuedBytes = defaults.max_queued_bytes;
    _maxBatchEvents = defaults.max_batch_events;
    _maxBatchDelay = absl::ToDoubleSeconds(defaults.max_batch_delay);
    _maxBufferedEvents = defaults.max_buffered_events;
    _maxBufferedBytes = defaults.max_buffered_bytes;
  }
  return self;
}

@synthesize statusObserverQueue = _statusObserverQueue;
@synthesize statusObserverBlock = _statusObserverBlock;

- (void)setStatusObserverQueue:(TGQueue)queue usingBlock:(TGStatusObserverBlock)block {
  TG_RELEASE(_statusObserverQueue);
  _statusObserverQueue = TG_RETAIN(queue);
#if __has_feature(objc_arc)
  _statusObserverBlock = block;  // ARC copies a block it stores
#else
  // Not -copy: a block is not an object on GNUstep (objc_memory.h).
  if (_statusObserverBlock != nil) Block_release(_statusObserverBlock);
  _statusObserverBlock = nil;
  if (block != nil) _statusObserverBlock = Block_copy(block);
#endif
}

- (void)dealloc {
  TG_RELEASE(_dataDirectory);
  TG_RELEASE(_permissionSource);
  TG_RELEASE(_keyStore);
  TG_RELEASE(_deviceFacts);
  TG_RELEASE(_deviceIdentity);
  TG_RELEASE(_policyDocument);
  TG_RELEASE(_appIdentifier);
  TG_RELEASE(_statusObserverQueue);
#if !__has_feature(objc_arc)
  if (_statusObserverBlock != nil) Block_release(_statusObserverBlock);
#endif
  TG_SUPER_DEALLOC();
}

@end
