// Apple only (ARC): not compiled on Linux. See TGAppleDeviceFacts.h.
#import "Telegate/TGAppleDeviceFacts.h"

#import <UIKit/UIKit.h>
#include <sys/utsname.h>

@implementation TGAppleDeviceFacts

- (instancetype)init {
  if ((self = [super init])) {
    NSAssert([NSThread isMainThread], @"create TGAppleDeviceFacts on the main thread");
    TGDeviceInfo *info = [[TGDeviceInfo alloc] init];
    struct utsname names;
    if (uname(&names) == 0) {
      info.model = [NSString stringWithUTF8String:names.machine];  // "iPhone15,2"
      info.kernel = [NSString stringWithFormat:@"%s %s", names.sysname, names.release];
    }
    info.manufacturer = @"Apple";
    UIDevice *device = [UIDevice currentDevice];
    info.osName = device.systemName;
    info.osVersion = device.systemVersion;
    CGRect pixels = [UIScreen mainScreen].nativeBounds;
    info.screenWidth = (int64_t)pixels.size.width;
    info.screenHeight = (int64_t)pixels.size.height;
    info.appVersion =
        [[NSBundle mainBundle] objectForInfoDictionaryKey:@"CFBundleShortVersionString"];
    _snapshot = info;
  }
  return self;
}

- (TGDeviceInfo *)readDeviceInfo:(NSError **)error {
  (void)error;
  TGDeviceInfo *info = [[TGDeviceInfo alloc] init];
  info.model = _snapshot.model;
  info.manufacturer = _snapshot.manufacturer;
  info.osName = _snapshot.osName;
  info.osVersion = _snapshot.osVersion;
  info.kernel = _snapshot.kernel;
  info.appVersion = _snapshot.appVersion;
  info.screenWidth = _snapshot.screenWidth;
  info.screenHeight = _snapshot.screenHeight;
  info.language = [NSLocale preferredLanguages].firstObject;
  NSProcessInfo *process = [NSProcessInfo processInfo];
  info.cpuCount = (int64_t)process.activeProcessorCount;
  info.memoryMB = (int64_t)(process.physicalMemory >> 20);
  return info;
}

@end
