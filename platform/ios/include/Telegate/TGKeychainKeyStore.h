// TGKeychainKeyStore: TGKeyStore over the iOS Keychain (Apple only: built
// from platform/ios/apple/ for iOS targets, not compiled on Linux).
//
// Each key is a generic-password item (service = `service`, account = the
// key's name) with kSecAttrAccessibleAfterFirstUnlockThisDeviceOnly and
// kSecAttrSynchronizable off: readable by the app after the first unlock
// since boot, never synchronised to iCloud, never restored onto another
// device from a backup. Keys come from SecRandomCopyBytes.
//
//   options = [[TGOptions alloc] initWithDataDirectory:dir
//       permissionSource:source
//               keyStore:[[TGKeychainKeyStore alloc]
//                            initWithService:@"com.example.shop.telegate"]];
//
// Threading: thread-safe (the Keychain API is).
#ifndef TELEGATE_TG_KEYCHAIN_KEY_STORE_H_
#define TELEGATE_TG_KEYCHAIN_KEY_STORE_H_

#import <Telegate/TGDefines.h>
#import <Telegate/TGKeyStore.h>

NS_ASSUME_NONNULL_BEGIN

TG_EXPORT
NS_SWIFT_NAME(KeychainKeyStore)
@interface TGKeychainKeyStore : NSObject <TGKeyStore> {
 @private
  NSString *_service;
}
- (instancetype)initWithService:(NSString *)service NS_DESIGNATED_INITIALIZER;
- (instancetype)init TG_UNAVAILABLE;
+ (instancetype)new TG_UNAVAILABLE;
@property(nonatomic, readonly, copy) NSString *service;
@end

NS_ASSUME_NONNULL_END

#endif  // TELEGATE_TG_KEYCHAIN_KEY_STORE_H_
