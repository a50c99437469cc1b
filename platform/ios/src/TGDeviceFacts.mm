#import "Telegate/TGDeviceFacts.h"

#include "objc_memory.h"

@implementation TGDeviceInfo

@synthesize model = _model;
@synthesize manufacturer = _manufacturer;
@synthesize osName = _osName;
@synthesize osVersion = _osVersion;
@synthesize kernel = _kernel;
@synthesize appVersion = _appVersion;
@synthesize language = _language;
@synthesize screenWidth = _screenWidth;
@synthesize screenHeight = _screenHeight;
@synthesize cpuCount = _cpuCount;
@synthesize memoryMB = _memoryMB;
@synthesize warnings = _warnings;

- (void)dealloc {
  TG_RELEASE(_model);
  TG_RELEASE(_manufacturer);
  TG_RELEASE(_osName);
  TG_RELEASE(_osVersion);
  TG_RELEASE(_kernel);
  TG_RELEASE(_appVersion);
  TG_RELEASE(_language);
  TG_RELEASE(_warnings);
  TG_SUPER_DEALLOC();
}

@end
