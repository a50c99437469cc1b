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

// OS permissions the test grants and revokes. -setGranted:forPermission:
// calls the client's handler (if one is installed) before returning, as an
// iOS app would from locationManagerDidChangeAuthorization:.
@interface TGTestPermissionSource : NSObject <TGPermissionSource> {
 @private
  NSLock *_lock;
  NSMutableSet<NSString *> *_granted;
  void (^_handler)(void);
  BOOL _throws;
  int _checks;
}
- (void)setGranted:(BOOL)granted forPermission:(NSString *)permission;
// Changes the permission without telling the client, as a revoke in
// Settings while the app is suspended (or not running) does.
- (void)setGrantedQuietly:(BOOL)granted forPermission:(NSString *)permission;
// YES: every later check raises an NSException.
@property(atomic) BOOL throws;
@property(atomic, readonly) int checks;
@property(atomic, readonly) BOOL hasHandler;
@end

// Keys in memory. Keeps a copy of every key it ever handed out
// (-escrowedKeyNamed:), as someone who copied the key store before a revoke
// would, so tests can decrypt files after the fact.
@interface TGTestKeyStore : NSObject <TGKeyStore> {
 @private
  NSLock *_lock;
  NSMutableDictionary<NSString *, NSData *> *_keys;
  NSMutableDictionary<NSString *, NSData *> *_escrow;
  BOOL _throws;
  int _creates;
}
@property(atomic) BOOL throws;
@property(atomic, readonly) int creates;
- (BOOL)hasKeyNamed:(NSString *)name;
- (NSArray<NSString *> *)keyNames;
- (nullable NSData *)escrowedKeyNamed:(NSString *)name;
@end

@interface TGTestDeviceFacts : NSObject <TGDeviceFacts> {
 @private
  NSLock *_lock;
  int _reads;
  BOOL _throws;
}
@property(atomic, readonly) int reads;
@property(atomic) BOOL throws;
@end

@interface TGTestDeviceIdentity : NSObject <TGDeviceIdentity> {
 @private
  NSLock *_lock;
  int _reads;
  BOOL _throws;
  BOOL _returnsWrongClass;
}
@property(atomic, readonly) int reads;
@property(atomic) BOOL throws;
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
