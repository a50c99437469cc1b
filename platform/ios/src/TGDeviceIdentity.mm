#import "Telegate/TGDeviceIdentity.h"

#include "objc_memory.h"

@implementation TGDeviceIds

@synthesize deviceID = _deviceID;
@synthesize advertisingID = _advertisingID;
@synthesize warnings = _warnings;

- (void)dealloc {
  TG_RELEASE(_deviceID);
  TG_RELEASE(_advertisingID);
  TG_RELEASE(_warnings);
  TG_SUPER_DEALLOC();
}

@end
