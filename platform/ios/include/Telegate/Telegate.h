// Umbrella header of the Telegate Objective-C API: imports the whole public
// surface and nothing else. Pure Objective-C (no C++), so Swift imports it
// through module.modulemap (`import Telegate`).
#ifndef TELEGATE_TELEGATE_H_
#define TELEGATE_TELEGATE_H_

#import <Telegate/TGCategoryChange.h>
#import <Telegate/TGCategoryStatus.h>
#import <Telegate/TGClient.h>
#import <Telegate/TGCollectionReport.h>
#import <Telegate/TGDefines.h>
#import <Telegate/TGDeviceFacts.h>
#import <Telegate/TGDeviceIdentity.h>
#import <Telegate/TGDropCounts.h>
#import <Telegate/TGError.h>
#import <Telegate/TGKeyStore.h>
#import <Telegate/TGOptions.h>
#import <Telegate/TGPermissionSource.h>
#import <Telegate/TGQueue.h>
#import <Telegate/TGStoreHealth.h>
#import <Telegate/TGTrackResult.h>
#import <Telegate/TGTransport.h>
#import <Telegate/TGUpload.h>

// The iOS seam implementations (platform/ios/apple/), built only for Apple
// targets.
#if defined(__APPLE__)
#import <Telegate/TGAppleDeviceFacts.h>
#import <Telegate/TGApplePermissionSource.h>
#import <Telegate/TGKeychainKeyStore.h>
#import <Telegate/TGURLSessionTransport.h>
#import <Telegate/TGVendorDeviceIdentity.h>
#endif

#endif  // TELEGATE_TELEGATE_H_
