// TGOptions: everything an app configures when it opens a client (the C++
// telegate::ClientOptions).
//
//   TGOptions *options = [[TGOptions alloc]
//       initWithDataDirectory:dir
//            permissionSource:[[TGApplePermissionSource alloc] init]
//                    keyStore:[[TGKeychainKeyStore alloc]
//                    initWithService:@"com.example.telegate"]];
//   options.deviceFacts = [[TGAppleDeviceFacts alloc] init];
//   options.appIdentifier = NSBundle.mainBundle.bundleIdentifier;
//
// Threading: configure on one thread, then hand it to +[TGClient
// openWithOptions:error:], which copies what it needs; later changes to the
// options do not affect an open client.
#ifndef TELEGATE_TG_OPTIONS_H_
#define TELEGATE_TG_OPTIONS_H_

#import <Telegate/TGCategoryChange.h>
#import <Telegate/TGDefines.h>
#import <Telegate/TGDeviceFacts.h>
#import <Telegate/TGDeviceIdentity.h>
#import <Telegate/TGKeyStore.h>
#import <Telegate/TGPermissionSource.h>
#import <Telegate/TGQueue.h>

NS_ASSUME_NONNULL_BEGIN

TG_EXPORT
NS_SWIFT_NAME(Options)
@interface TGOptions : NSObject {
 @private
  NSString *_dataDirectory;
  id<TGPermissionSource> _permissionSource;
  id<TGKeyStore> _keyStore;
  id<TGDeviceFacts> _deviceFacts;
  id<TGDeviceIdentity> _deviceIdentity;
  NSData *_policyDocument;
  NSString *_appIdentifier;
  NSTimeInterval _openTimeout;
  NSTimeInterval _controlTimeout;
  NSUInteger _maxQueuedEvents;
  NSUInteger _maxQueuedBytes;
  NSUInteger _maxBatchEvents;
  NSTimeInterval _maxBatchDelay;
  int64_t _maxBufferedEvents;
  int64_t _maxBufferedBytes;
  TGQueue _statusObserverQueue;
  TGStatusObserverBlock _statusObserverBlock;
}
// `dataDirectory` must exist and be writable (e.g. a folder in Application
// Support, excluded from backups); the client creates nothing in it until
// the first consent. The sources are retained by the client while it is
// open.
- (instancetype)initWithDataDirectory:(NSString *)dataDirectory
                     permissionSource:(id<TGPermissionSource>)permissionSource
                             keyStore:(id<TGKeyStore>)keyStore NS_DESIGNATED_INITIALIZER;
- (instancetype)init TG_UNAVAILABLE;
+ (instancetype)new TG_UNAVAILABLE;

@property(nonatomic, readonly, copy) NSString *dataDirectory;
@property(nonatomic, readonly, strong) id<TGPermissionSource> permissionSource;
@property(nonatomic, readonly, strong) id<TGKeyStore> keyStore;
// nil: device.basic / device.identifiers cannot be collected (collect: then
// fails with TGErrorUnavailable).
@property(nonatomic, strong, nullable) id<TGDeviceFacts> deviceFacts;
@property(nonatomic, strong, nullable) id<TGDeviceIdentity> deviceIdentity;
// A serialized telegate.proto.Policy (the catalog); nil: the built-in
// policy.
@property(nonatomic, copy, nullable) NSData *policyDocument;
// The app's bundle identifier: identifiers are hashed with it, so two apps
// never see the same value for one device. Default @"telegate.app".
@property(nonatomic, copy) NSString *appIdentifier;
// How long open waits for start-up (default 10 s), and consent and
// permission calls for their barrier (default 10 s).
@property(nonatomic) NSTimeInterval openTimeout;
@property(nonatomic) NSTimeInterval controlTimeout;
// The in-memory queue in front of the writer thread (defaults 10000 events,
// 4 MiB): past either bound track drops the event instead of blocking.
@property(nonatomic) NSUInteger maxQueuedEvents;
@property(nonatomic) NSUInteger maxQueuedBytes;
// The writer commits when this many events wait (default 500) or the
// oldest has waited this long (default 0.1 s).
@property(nonatomic) NSUInteger maxBatchEvents;
@property(nonatomic) NSTimeInterval maxBatchDelay;
// The encrypted buffer's budget for all categories (defaults 200000 events,
// 32 MiB; 0: no bound).
@property(nonatomic) int64_t maxBufferedEvents;
@property(nonatomic) int64_t maxBufferedBytes;

// A status observer registered before start-up, so that it also sees what
// the reconciliation at open changes (source TGChangeSourceStartup: a
// permission taken away while the app was not running, a policy update).
// It stays registered until the client closes. nil queue or block: none.
- (void)setStatusObserverQueue:(nullable TGQueue)queue
                    usingBlock:(nullable TGStatusObserverBlock)block
    NS_SWIFT_NAME(setStatusObserver(queue:using:));
@property(nonatomic, readonly, nullable) TGQueue statusObserverQueue;
@property(nonatomic, readonly, nullable) TGStatusObserverBlock statusObserverBlock;
@end

NS_ASSUME_NONNULL_END

#endif  // TELEGATE_TG_OPTIONS_H_
