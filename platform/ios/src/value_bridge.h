// Builds the Objective-C value objects from the C++ core's structs. Private
// to the bridge (the public headers hold no C++).
//
//   NSArray *rows = ...;
//   [rows addObject:[[TGCategoryStatus alloc] initWithStatus:status]];
//
// Thread-safe (each object is immutable once built).
#ifndef TELEGATE_PLATFORM_IOS_SRC_VALUE_BRIDGE_H_
#define TELEGATE_PLATFORM_IOS_SRC_VALUE_BRIDGE_H_

#import <Foundation/Foundation.h>

#include <cstdint>
#include <memory>
#include <vector>

#import "Telegate/TGCategoryStatus.h"
#import "Telegate/TGCollectionReport.h"
#import "Telegate/TGDropCounts.h"
#import "Telegate/TGStoreHealth.h"
#import "Telegate/TGUpload.h"
#include "absl/time/time.h"
#include "telegate/category_status.h"
#include "telegate/collection_report.h"
#include "telegate/drop_counts.h"
#include "telegate/store_health.h"
#include "telegate/upload.h"
#include "telegate/upload_driver.h"

@interface TGCategoryStatus (Internal)
- (instancetype)initWithStatus:(const telegate::CategoryStatus&)status;
@end

@interface TGDropCounts (Internal)
- (instancetype)initWithCounts:(const telegate::DropCounts&)counts;
@end

@interface TGStoreHealth (Internal)
- (instancetype)initWithHealth:(const telegate::StoreHealth&)health;
@end

@interface TGCollectionReport (Internal)
- (instancetype)initWithReport:(const telegate::CollectionReport&)report;
@end

@interface TGUploadRequest (Internal)
- (instancetype)initWithRequest:(const telegate::UploadRequest&)request;
@end

@interface TGUploadTask (Internal)
- (instancetype)initWithTask:(const telegate::UploadTask&)task;
@end

@interface TGUploadRunResult (Internal)
- (instancetype)initWithResult:(const telegate::UploadRunResult&)result;
@end

namespace telegate::ios_internal {

TGClosedReasons ToClosedReasons(const std::vector<ClosedReason>& reasons);

// Milliseconds since the Unix epoch as an NSDate; nil for 0 ("never").
NSDate* DateFromMillis(int64_t ms);

// Seconds as a duration: NaN and negatives are zero, huge values infinite.
absl::Duration DurationFromSeconds(NSTimeInterval seconds);

NSData* ToNSData(const std::string& bytes);

}  // namespace telegate::ios_internal

#endif  // TELEGATE_PLATFORM_IOS_SRC_VALUE_BRIDGE_H_
