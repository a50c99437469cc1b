#import "Telegate/TGDropCounts.h"

#include "objc_memory.h"
#include "value_bridge.h"

@implementation TGDropCounts

@synthesize closed = _closed;
@synthesize revoked = _revoked;
@synthesize queueFull = _queueFull;
@synthesize quota = _quota;
@synthesize expired = _expired;
@synthesize uploadRejected = _uploadRejected;
@synthesize storeError = _storeError;
@synthesize keyLost = _keyLost;
@synthesize anonymized = _anonymized;

- (instancetype)initWithCounts:(const telegate::DropCounts&)counts {
  if ((self = [super init])) {
    _closed = counts.closed;
    _revoked = counts.revoked;
    _queueFull = counts.queue_full;
    _quota = counts.quota;
    _expired = counts.expired;
    _uploadRejected = counts.upload_rejected;
    _storeError = counts.store_error;
    _keyLost = counts.key_lost;
    _anonymized = counts.anonymized;
  }
  return self;
}

@end
