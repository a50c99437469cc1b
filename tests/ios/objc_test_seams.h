// Objective-C test doubles for the Telegate seams, and hostile objects, for
// the Objective-C bridge tests (tests/ios). Each seam counts its calls and
// can be told to throw an Objective-C exception.
//
// Threading: every class here is thread-safe (the client calls seams from
// its writer thread while the test drives them from its own).
#ifndef TELEGATE_TESTS_IOS_OBJC_TEST_SEAMS_H_
#define TELEGATE_TESTS_IOS_OBJC_TEST_SEAMS_H_

#import <Foundation/Foundation.h>
#import <Telegate/Telegate.h>

#include <string>

#include "telegate/secret_bytes.h"

NS_ASSUME_NONNULL_BEGIN

// What every test seam shares: a lock (TSan sees NSLock: pthread mutexes),
// a "throw on the next calls" switch and locked counters.
@interface TGTestSeam : NSObject {
 @protected
  NSLock *_lock;
 @private
  BOOL _throws;
}
// YES: every later call of the seam raises an NSException.
@property(atomic) BOOL throws;
// Under the lock: ++*counter; returns whether the seam should throw.
- (BOOL)countCall:(int *)counter;
// *counter, read under the lock.
- (int)locked:(const int *)counter;
@end

// OS permissions the test grants and revokes. -setGranted:forPermission:
// calls the client's handler (if one is installed) before returning, as an
// iOS app would from locationManagerDidChangeAuthorization:.
@interface TGTestPermissionSource : TGTestSeam <TGPermissionSource> {
 @private
  NSMutableSet<NSString *> *_granted;
  void (^_handler)(void);
  int _checks;
}
- (void)setGranted:(BOOL)granted forPermission:(NSString *)permission;
// Changes the permission without telling the client, as a revoke in
// Settings while the app is suspended (or not running) does.
- (void)setGrantedQuietly:(BOOL)granted forPermission:(NSString *)permission;
@property(atomic, readonly) int checks;
@property(atomic, readonly) BOOL hasHandler;
@end

// Keys in memory. Keeps a copy of every key it ever handed out
// (-escrowedKeyNamed:), as someone who copied the key store before a revoke
// would, so tests can decrypt files after the fact.
@interface TGTestKeyStore : TGTestSeam <TGKeyStore> {
 @private
  NSMutableDictionary<NSString *, NSData *> *_keys;
  NSMutableDictionary<NSString *, NSData *> *_escrow;
  int _calls;
  int _creates;
}
@property(atomic, readonly) int creates;
- (BOOL)hasKeyNamed:(NSString *)name;
- (NSArray<NSString *> *)keyNames;
- (nullable NSData *)escrowedKeyNamed:(NSString *)name;
@end

@interface TGTestDeviceFacts : TGTestSeam <TGDeviceFacts> {
 @private
  int _reads;
}
@property(atomic, readonly) int reads;
@end

@interface TGTestDeviceIdentity : TGTestSeam <TGDeviceIdentity> {
 @private
  int _reads;
  int _wrongClass;
}
@property(atomic, readonly) int reads;
// YES: returns an NSString instead of a TGDeviceIds.
@property(atomic) BOOL returnsWrongClass;
@end

// An NSString made of exactly the given UTF-16 code units: unpaired
// surrogates included. (GNUstep's +stringWithCharacters:length: refuses
// them and returns nil; Apple's Foundation keeps them, so an iOS app can
// hand such a string to the SDK.)
@interface TGTestUTF16String : NSString {
 @private
  unichar *_units;
  NSUInteger _length;
}
- (instancetype)initWithUnits:(const unichar *)units length:(NSUInteger)length;
@end

// A proxy that raises NSInvalidArgumentException on every message
// (-isKindOfClass: included).
@interface TGThrowingProxy : NSProxy
+ (id)proxy;
@end

// An NSDictionary subclass whose enumeration yields more keys than -count
// says.
@interface TGLyingDictionary : NSDictionary {
 @private
  NSUInteger _realCount;
}
- (instancetype)initWithRealCount:(NSUInteger)realCount;
@end

NS_ASSUME_NONNULL_END

namespace telegate::ios_test {

// The key bytes as SecretBytes (empty for nil).
SecretBytes ToSecret(NSData *_Nullable data);
// Autoreleased NSString from UTF-8.
NSString *_Nonnull Str(const std::string &utf8);

}  // namespace telegate::ios_test

#endif  // TELEGATE_TESTS_IOS_OBJC_TEST_SEAMS_H_
