// TGCollectionReport: what one run of a category's collector captured
// (-[TGClient collect:error:]).
//
// Threading: immutable; safe to pass between threads.
#ifndef TELEGATE_TG_COLLECTION_REPORT_H_
#define TELEGATE_TG_COLLECTION_REPORT_H_

#import <Telegate/TGDefines.h>

NS_ASSUME_NONNULL_BEGIN

// One attribute of a collected event, its value as text.
TG_EXPORT
NS_SWIFT_NAME(CollectedField)
@interface TGCollectedField : NSObject {
 @private
  NSString *_key;
  NSString *_value;
}
- (instancetype)init TG_UNAVAILABLE;
+ (instancetype)new TG_UNAVAILABLE;
@property(nonatomic, readonly, copy) NSString *key;
@property(nonatomic, readonly, copy) NSString *value;
@end

TG_EXPORT
NS_SWIFT_NAME(CollectedEvent)
@interface TGCollectedEvent : NSObject {
 @private
  NSString *_name;
  NSArray<TGCollectedField *> *_fields;
}
- (instancetype)init TG_UNAVAILABLE;
+ (instancetype)new TG_UNAVAILABLE;
// The catalog's event name, e.g. @"device_info".
@property(nonatomic, readonly, copy) NSString *name;
// In the order they were queued for storage.
@property(nonatomic, readonly, copy) NSArray<TGCollectedField *> *fields;
@end

TG_EXPORT
NS_SWIFT_NAME(CollectionReport)
@interface TGCollectionReport : NSObject {
 @private
  NSString *_category;
  NSArray<TGCollectedEvent *> *_events;
  NSArray<NSString *> *_warnings;
}
- (instancetype)init TG_UNAVAILABLE;
+ (instancetype)new TG_UNAVAILABLE;
@property(nonatomic, readonly, copy) NSString *category;
// Queued for the writer thread (stored unless a revoke intervenes).
@property(nonatomic, readonly, copy) NSArray<TGCollectedEvent *> *events;
// Problems with the platform's input in this run.
@property(nonatomic, readonly, copy) NSArray<NSString *> *warnings;
@end

NS_ASSUME_NONNULL_END

#endif  // TELEGATE_TG_COLLECTION_REPORT_H_
