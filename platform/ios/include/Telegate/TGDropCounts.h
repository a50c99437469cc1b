// TGDropCounts: every event the client did not keep since it opened, by
// reason (-[TGClient dropCounts]).
//
// Threading: immutable; safe to pass between threads.
#ifndef TELEGATE_TG_DROP_COUNTS_H_
#define TELEGATE_TG_DROP_COUNTS_H_

#import <Telegate/TGDefines.h>

NS_ASSUME_NONNULL_BEGIN

TG_EXPORT
NS_SWIFT_NAME(DropCounts)
@interface TGDropCounts : NSObject {
 @private
  int64_t _closed;
  int64_t _revoked;
  int64_t _queueFull;
  int64_t _quota;
  int64_t _expired;
  int64_t _uploadRejected;
  int64_t _storeError;
  int64_t _keyLost;
  int64_t _anonymized;
}
- (instancetype)init TG_UNAVAILABLE;
+ (instancetype)new TG_UNAVAILABLE;
@property(nonatomic, readonly) int64_t closed;          // track on a closed category
@property(nonatomic, readonly) int64_t revoked;         // destroyed by a revoke
@property(nonatomic, readonly) int64_t queueFull;       // the in-memory queue was full
@property(nonatomic, readonly) int64_t quota;           // evicted by the byte or row quota
@property(nonatomic, readonly) int64_t expired;         // past its retention
@property(nonatomic, readonly) int64_t uploadRejected;  // rejected by the collector
@property(nonatomic, readonly) int64_t storeError;      // could not be written
@property(nonatomic, readonly) int64_t keyLost;         // unreadable: key lost
@property(nonatomic, readonly) int64_t anonymized;      // nothing left once anonymized
@end

NS_ASSUME_NONNULL_END

#endif  // TELEGATE_TG_DROP_COUNTS_H_
