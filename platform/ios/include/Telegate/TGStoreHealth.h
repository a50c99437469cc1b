// TGStoreHealth: databases the encrypted buffer found unusable and replaced
// since the client opened, and its last write error
// (-[TGClient storeHealth]; never waits for the writer thread).
//
// Threading: immutable; safe to pass between threads.
#ifndef TELEGATE_TG_STORE_HEALTH_H_
#define TELEGATE_TG_STORE_HEALTH_H_

#import <Telegate/TGDefines.h>

NS_ASSUME_NONNULL_BEGIN

typedef NS_ENUM(NSInteger, TGStoreProblem) {
  TGStoreProblemKeyMissing = 0,     // the key store no longer holds its key
  TGStoreProblemUndecryptable = 1,  // wrong key, corrupt, truncated, foreign
  TGStoreProblemNewerSchema = 2,    // written by a newer library version
  TGStoreProblemPlanted = 3,        // not made by the library: a link, or a
                                    // key it cannot trust; removed unfollowed
} NS_SWIFT_NAME(StoreProblem);

TG_EXPORT
NS_SWIFT_NAME(StoreIncident)
@interface TGStoreIncident : NSObject {
 @private
  TGStoreProblem _problem;
  NSString *_file;
  NSString *_category;
  NSString *_detail;
  int64_t _eventsLost;
  NSDate *_date;
}
- (instancetype)init TG_UNAVAILABLE;
+ (instancetype)new TG_UNAVAILABLE;
@property(nonatomic, readonly) TGStoreProblem problem;
// Relative to the data directory: @"telegate.db" or @"events/<category>.db".
@property(nonatomic, readonly, copy) NSString *file;
// The category whose events the file held; empty for telegate.db.
@property(nonatomic, readonly, copy) NSString *category;
// For logs; never key material or event contents.
@property(nonatomic, readonly, copy) NSString *detail;
// Events known to be lost; -1 when the file could not be read to count.
@property(nonatomic, readonly) int64_t eventsLost;
@property(nonatomic, readonly, copy) NSDate *date;
@end

TG_EXPORT
NS_SWIFT_NAME(StoreHealth)
@interface TGStoreHealth : NSObject {
 @private
  int64_t _databasesReplaced;
  BOOL _consentReset;
  NSArray<TGStoreIncident *> *_incidents;
  NSError *_lastError;
}
- (instancetype)init TG_UNAVAILABLE;
+ (instancetype)new TG_UNAVAILABLE;
@property(nonatomic, readonly) int64_t databasesReplaced;
// YES if the consent database was replaced: every category restarted closed.
@property(nonatomic, readonly, getter=isConsentReset) BOOL consentReset;
// The most recent incidents, oldest first.
@property(nonatomic, readonly, copy) NSArray<TGStoreIncident *> *incidents;
// The store's last error while it still stands (a failed commit: disk full,
// I/O error); nil once a later commit succeeds.
@property(nonatomic, readonly, copy, nullable) NSError *lastError;
@end

NS_ASSUME_NONNULL_END

#endif  // TELEGATE_TG_STORE_HEALTH_H_
