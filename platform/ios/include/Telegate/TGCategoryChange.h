// TGCategoryChange: one category opening or closing, as a status observer
// receives it (-[TGClient addStatusObserverOnQueue:usingBlock:error:]).
//
// Every open->closed and closed->open transition is reported, whatever
// caused it: the user's switch, an OS permission found gone at
// refreshPermissions, a policy update, the minors rule, start-up
// reconciliation, deleteAllData.
//
// Threading: immutable; safe to pass between threads.
#ifndef TELEGATE_TG_CATEGORY_CHANGE_H_
#define TELEGATE_TG_CATEGORY_CHANGE_H_

#import <Telegate/TGCategoryStatus.h>
#import <Telegate/TGDefines.h>

NS_ASSUME_NONNULL_BEGIN

// What made the category open or close.
typedef NS_ENUM(NSInteger, TGChangeSource) {
  TGChangeSourceUser = 0,     // the user's consent switch
  TGChangeSourceOS = 1,       // an OS permission changed
  TGChangeSourceHost = 2,     // the app: refreshPermissions, setMinor, ...
  TGChangeSourceStartup = 3,  // reconciliation when the client opened
  TGChangeSourcePolicy = 4,   // a policy version was accepted or changed
} NS_SWIFT_NAME(ChangeSource);

TG_EXPORT
NS_SWIFT_NAME(CategoryChange)
@interface TGCategoryChange : NSObject {
 @private
  NSString *_category;
  BOOL _open;
  TGClosedReasons _closedReasons;
  NSArray<NSString *> *_missingPermissions;
  TGChangeSource _source;
}
- (instancetype)init TG_UNAVAILABLE;
+ (instancetype)new TG_UNAVAILABLE;

@property(nonatomic, readonly, copy) NSString *category;
// The new state.
@property(nonatomic, readonly, getter=isOpen) BOOL open;
// Why it is closed; 0 when open.
@property(nonatomic, readonly) TGClosedReasons closedReasons;
@property(nonatomic, readonly, copy) NSArray<NSString *> *missingPermissions;
@property(nonatomic, readonly) TGChangeSource source;
@end

// What a status observer runs, on the queue it was registered with.
typedef void (^TGStatusObserverBlock)(TGCategoryChange *change) NS_SWIFT_NAME(StatusObserverBlock);

// A stable lower-case name: @"user", @"os", @"host", @"startup", @"policy".
TG_EXTERN NSString *TGChangeSourceName(TGChangeSource source) NS_SWIFT_NAME(changeSourceName(_:));

// The handle -[TGClient addStatusObserverOnQueue:usingBlock:error:] returns.
// Threading: thread-safe.
TG_EXPORT
NS_SWIFT_NAME(StatusObservation)
@interface TGStatusObservation : NSObject {
 @private
  void *_impl;
}
- (instancetype)init TG_UNAVAILABLE;
+ (instancetype)new TG_UNAVAILABLE;
// Unregisters the observer. When it returns, no new delivery of the block
// starts (one already running on its queue may finish). Idempotent; may be
// called from inside the block. Dropping the handle does not unregister:
// the observer then lives until the client closes.
- (void)invalidate;
@property(nonatomic, readonly, getter=isValid) BOOL valid;
@end

NS_ASSUME_NONNULL_END

#endif  // TELEGATE_TG_CATEGORY_CHANGE_H_
