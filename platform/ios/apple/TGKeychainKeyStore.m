// Apple only (ARC): not compiled on Linux. See TGKeychainKeyStore.h.
#import "Telegate/TGKeychainKeyStore.h"

#import <Security/Security.h>

#import "Telegate/TGError.h"

static NSError *TGKeychainError(OSStatus status, NSString *what) {
  NSInteger code = TGErrorUnavailable;
  if (status == errSecItemNotFound) code = TGErrorNotFound;
  if (status == errSecDuplicateItem) code = TGErrorAlreadyExists;
  NSString *message =
      [NSString stringWithFormat:@"Keychain %@ failed (OSStatus %d)", what, (int)status];
  return [NSError errorWithDomain:TGErrorDomain
                             code:code
                         userInfo:@{NSLocalizedDescriptionKey : message}];
}

@implementation TGKeychainKeyStore

@synthesize service = _service;

- (instancetype)initWithService:(NSString *)service {
  if ((self = [super init])) {
    _service = [service copy];
  }
  return self;
}

// The item's primary key: class, service, account, not synchronizable.
- (NSMutableDictionary *)queryForName:(NSString *)name {
  return [@{
    (__bridge id)kSecClass : (__bridge id)kSecClassGenericPassword,
    (__bridge id)kSecAttrService : _service,
    (__bridge id)kSecAttrAccount : name,
    (__bridge id)kSecAttrSynchronizable : @NO,
  } mutableCopy];
}

- (NSData *)keyNamed:(NSString *)name error:(NSError **)error {
  NSMutableDictionary *query = [self queryForName:name];
  query[(__bridge id)kSecReturnData] = @YES;
  query[(__bridge id)kSecMatchLimit] = (__bridge id)kSecMatchLimitOne;
  CFTypeRef result = NULL;
  OSStatus status = SecItemCopyMatching((__bridge CFDictionaryRef)query, &result);
  if (status != errSecSuccess) {
    if (error != NULL) *error = TGKeychainError(status, @"read");
    return nil;
  }
  NSData *data = (__bridge_transfer NSData *)result;
  if (![data isKindOfClass:[NSData class]] || data.length != TGKeySize) {
    if (error != NULL) {
      *error =
          [NSError errorWithDomain:TGErrorDomain
                              code:TGErrorDataLoss
                          userInfo:@{NSLocalizedDescriptionKey : @"Keychain item is not a key"}];
    }
    return nil;
  }
  // A mutable copy the bridge can wipe (the Keychain's own buffer cannot be).
  return [NSMutableData dataWithData:data];
}

- (NSData *)createKeyNamed:(NSString *)name error:(NSError **)error {
  NSMutableData *key = [NSMutableData dataWithLength:TGKeySize];
  if (SecRandomCopyBytes(kSecRandomDefault, TGKeySize, key.mutableBytes) != errSecSuccess) {
    if (error != NULL) *error = TGKeychainError(errSecAllocate, @"random");
    return nil;
  }
  NSMutableDictionary *item = [self queryForName:name];
  item[(__bridge id)kSecAttrAccessible] =
      (__bridge id)kSecAttrAccessibleAfterFirstUnlockThisDeviceOnly;
  item[(__bridge id)kSecValueData] = key;  // copied by SecItemAdd
  OSStatus status = SecItemAdd((__bridge CFDictionaryRef)item, NULL);
  if (status != errSecSuccess) {
    [key resetBytesInRange:NSMakeRange(0, key.length)];
    if (error != NULL) *error = TGKeychainError(status, @"add");
    return nil;
  }
  return key;
}

- (BOOL)destroyKeyNamed:(NSString *)name error:(NSError **)error {
  OSStatus status = SecItemDelete((__bridge CFDictionaryRef)[self queryForName:name]);
  if (status == errSecSuccess || status == errSecItemNotFound) return YES;
  if (error != NULL) *error = TGKeychainError(status, @"delete");
  return NO;
}

@end
