// TGKeyStore: the platform's store for 256-bit keys (the C++
// telegate::KeyStore seam, in Objective-C). On iOS, TGKeychainKeyStore keeps
// them in the Keychain, this device only, never synchronised to iCloud.
//
// The client keeps one key for its consent database (@"telegate.db") and one
// data key per open category (@"telegate.category.<name>"). Destroying a
// category key makes everything written under it unreadable.
//
// Key material: return an NSMutableData where you can; the bridge copies the
// bytes into a buffer it wipes, then overwrites the NSMutableData too (an
// immutable NSData cannot be wiped).
//
// Threading: called from the client's writer thread; must be thread-safe.
// An Objective-C exception thrown here is caught and becomes TGErrorInternal.
#ifndef TELEGATE_TG_KEY_STORE_H_
#define TELEGATE_TG_KEY_STORE_H_

#import <Telegate/TGDefines.h>

NS_ASSUME_NONNULL_BEGIN

// Bytes of every key.
TG_EXTERN const NSUInteger TGKeySize;

NS_SWIFT_NAME(KeyStore)
@protocol TGKeyStore <NSObject>
// The key called `name` (TGKeySize bytes). nil with TGErrorNotFound if there
// is none; TGErrorDataLoss if it exists but is unreadable;
// TGErrorPermissionDenied if it exists but cannot be trusted (the store did
// not make it): the client then destroys it and makes a fresh one.
- (nullable NSData *)keyNamed:(NSString *)name error:(NSError **)error;
// Creates a fresh random key called `name` and returns it. nil with
// TGErrorAlreadyExists if the name is taken.
- (nullable NSData *)createKeyNamed:(NSString *)name error:(NSError **)error;
// Destroys the key so that it can never be read again. YES if it is absent.
- (BOOL)destroyKeyNamed:(NSString *)name error:(NSError **)error;
@end

NS_ASSUME_NONNULL_END

#endif  // TELEGATE_TG_KEY_STORE_H_
