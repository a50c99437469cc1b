#import "objc_test_seams.h"

#include <cstring>

// Reads and writes of the seams' state go through their NSLock, which TSan
// sees (pthread mutexes).

@implementation TGTestPermissionSource

- (instancetype)init {
  if ((self = [super init])) {
    _lock = [[NSLock alloc] init];
    _granted = [[NSMutableSet alloc] init];
  }
  return self;
}

- (void)dealloc {
  [_lock release];
  [_granted release];
  if (_handler != nil) Block_release(_handler);
  [super dealloc];
}

- (NSInteger)osMajorVersion {
  return 17;
}

- (BOOL)isPermissionGranted:(NSString*)permission {
  [_lock lock];
  ++_checks;
  const BOOL throws = _throws;
  const BOOL granted = [_granted containsObject:permission];
  [_lock unlock];
  if (throws) {
    [NSException raise:NSInternalInconsistencyException
                format:@"permission check failed on purpose"];
  }
  return granted;
}

// Blocks are not objects on GNUstep with GCC's runtime: Block_copy /
// Block_release, never -copy / -release.
- (void)setPermissionsChangedHandler:(void (^)(void))handler {
  void (^copy)(void) = nullptr;
  if (handler != nil) copy = Block_copy(handler);
  [_lock lock];
  void (^old)(void) = _handler;
  _handler = copy;
  [_lock unlock];
  if (old != nil) Block_release(old);
}

- (void)setGranted:(BOOL)granted forPermission:(NSString*)permission {
  [_lock lock];
  if (granted) {
    [_granted addObject:permission];
  } else {
    [_granted removeObject:permission];
  }
  void (^handler)(void) = nullptr;
  if (_handler != nil) handler = Block_copy(_handler);
  [_lock unlock];
  if (handler != nil) {
    handler();
    Block_release(handler);
  }
}

- (void)setGrantedQuietly:(BOOL)granted forPermission:(NSString*)permission {
  [_lock lock];
  if (granted) {
    [_granted addObject:permission];
  } else {
    [_granted removeObject:permission];
  }
  [_lock unlock];
}

- (BOOL)throws {
  [_lock lock];
  BOOL value = _throws;
  [_lock unlock];
  return value;
}

- (void)setThrows:(BOOL)throws {
  [_lock lock];
  _throws = throws;
  [_lock unlock];
}

- (int)checks {
  [_lock lock];
  int value = _checks;
  [_lock unlock];
  return value;
}

- (BOOL)hasHandler {
  [_lock lock];
  BOOL value = _handler != nil;
  [_lock unlock];
  return value;
}

@end

@implementation TGTestKeyStore

- (instancetype)init {
  if ((self = [super init])) {
    _lock = [[NSLock alloc] init];
    _keys = [[NSMutableDictionary alloc] init];
    _escrow = [[NSMutableDictionary alloc] init];
  }
  return self;
}

- (void)dealloc {
  [_lock release];
  [_keys release];
  [_escrow release];
  [super dealloc];
}

- (BOOL)throwIfAsked {
  [_lock lock];
  BOOL throws = _throws;
  [_lock unlock];
  if (throws) {
    [NSException raise:NSGenericException format:@"key store is broken"];
  }
  return NO;
}

- (NSData*)keyNamed:(NSString*)name error:(NSError**)error {
  [self throwIfAsked];
  [_lock lock];
  NSData* key = [[_keys objectForKey:name] retain];
  [_lock unlock];
  if (key == nil) {
    if (error != NULL) {
      *error = [NSError errorWithDomain:TGErrorDomain code:TGErrorNotFound userInfo:nil];
    }
    return nil;
  }
  // A mutable copy, as the protocol recommends: the bridge wipes it.
  NSMutableData* copy = [NSMutableData dataWithData:key];
  [key release];
  return copy;
}

- (NSData*)createKeyNamed:(NSString*)name error:(NSError**)error {
  [self throwIfAsked];
  telegate::SecretBytes random = telegate::SecretBytes::Random(TGKeySize);
  NSData* key = [NSData dataWithBytes:random.data() length:random.size()];
  [_lock lock];
  if ([_keys objectForKey:name] != nil) {
    [_lock unlock];
    if (error != NULL) {
      *error = [NSError errorWithDomain:TGErrorDomain code:TGErrorAlreadyExists userInfo:nil];
    }
    return nil;
  }
  ++_creates;
  [_keys setObject:key forKey:name];
  [_escrow setObject:key forKey:name];
  [_lock unlock];
  return [NSMutableData dataWithData:key];
}

- (BOOL)destroyKeyNamed:(NSString*)name error:(NSError**)error {
  (void)error;
  [self throwIfAsked];
  [_lock lock];
  [_keys removeObjectForKey:name];
  [_lock unlock];
  return YES;
}

- (BOOL)hasKeyNamed:(NSString*)name {
  [_lock lock];
  BOOL has = [_keys objectForKey:name] != nil;
  [_lock unlock];
  return has;
}

- (NSArray<NSString*>*)keyNames {
  [_lock lock];
  NSArray<NSString*>* names = [[_keys allKeys] retain];
  [_lock unlock];
  return [names autorelease];
}

- (NSData*)escrowedKeyNamed:(NSString*)name {
  [_lock lock];
  NSData* key = [[_escrow objectForKey:name] retain];
  [_lock unlock];
  return [key autorelease];
}

- (BOOL)throws {
  [_lock lock];
  BOOL value = _throws;
  [_lock unlock];
  return value;
}

- (void)setThrows:(BOOL)throws {
  [_lock lock];
  _throws = throws;
  [_lock unlock];
}

- (int)creates {
  [_lock lock];
  int value = _creates;
  [_lock unlock];
  return value;
}

@end

@implementation TGTestDeviceFacts

- (instancetype)init {
  if ((self = [super init])) _lock = [[NSLock alloc] init];
  return self;
}

- (void)dealloc {
  [_lock release];
  [super dealloc];
}

- (TGDeviceInfo*)readDeviceInfo:(NSError**)error {
  (void)error;
  [_lock lock];
  ++_reads;
  BOOL throws = _throws;
  [_lock unlock];
  if (throws) {
    [NSException raise:NSRangeException format:@"UIDevice went away"];
  }
  TGDeviceInfo* info = [[[TGDeviceInfo alloc] init] autorelease];
  info.model = @"iPhone15,2";
  info.manufacturer = @"Apple";
  info.osName = @"iOS";
  info.osVersion = @"17.4";
  info.language = @"zh-Hans";
  info.screenWidth = 1179;
  info.screenHeight = 2556;
  info.cpuCount = 6;
  info.memoryMB = 6144;
  return info;
}

- (int)reads {
  [_lock lock];
  int value = _reads;
  [_lock unlock];
  return value;
}

- (BOOL)throws {
  [_lock lock];
  BOOL value = _throws;
  [_lock unlock];
  return value;
}

- (void)setThrows:(BOOL)throws {
  [_lock lock];
  _throws = throws;
  [_lock unlock];
}

@end

@implementation TGTestDeviceIdentity

- (instancetype)init {
  if ((self = [super init])) _lock = [[NSLock alloc] init];
  return self;
}

- (void)dealloc {
  [_lock release];
  [super dealloc];
}

- (TGDeviceIds*)readDeviceIds:(NSError**)error {
  (void)error;
  [_lock lock];
  ++_reads;
  BOOL throws = _throws;
  BOOL wrong = _returnsWrongClass;
  [_lock unlock];
  if (throws) {
    [NSException raise:NSInternalInconsistencyException format:@"identifierForVendor unavailable"];
  }
  if (wrong) return (TGDeviceIds*)@"not a TGDeviceIds";
  TGDeviceIds* ids = [[[TGDeviceIds alloc] init] autorelease];
  ids.deviceID = @"6F9619FF-8B86-D011-B42D-00C04FC964FF";
  return ids;
}

- (int)reads {
  [_lock lock];
  int value = _reads;
  [_lock unlock];
  return value;
}

- (BOOL)throws {
  [_lock lock];
  BOOL value = _throws;
  [_lock unlock];
  return value;
}

- (void)setThrows:(BOOL)throws {
  [_lock lock];
  _throws = throws;
  [_lock unlock];
}

- (BOOL)returnsWrongClass {
  [_lock lock];
  BOOL value = _returnsWrongClass;
  [_lock unlock];
  return value;
}

- (void)setReturnsWrongClass:(BOOL)wrong {
  [_lock lock];
  _returnsWrongClass = wrong;
  [_lock unlock];
}

@end

@implementation TGTestUTF16String

- (instancetype)initWithUnits:(const unichar*)units length:(NSUInteger)length {
  if ((self = [super init])) {
    _length = length;
    _units = static_cast<unichar*>(malloc(sizeof(unichar) * (length + 1)));
    if (length > 0) std::memcpy(_units, units, sizeof(unichar) * length);
  }
  return self;
}

- (void)dealloc {
  free(_units);
  [super dealloc];
}

- (NSUInteger)length {
  return _length;
}

- (unichar)characterAtIndex:(NSUInteger)index {
  if (index >= _length) {
    [NSException raise:NSRangeException format:@"index %lu", (unsigned long)index];
  }
  return _units[index];
}

- (void)getCharacters:(unichar*)buffer range:(NSRange)range {
  if (range.location + range.length > _length) {
    [NSException raise:NSRangeException format:@"range"];
  }
  std::memcpy(buffer, _units + range.location, sizeof(unichar) * range.length);
}

@end

@implementation TGThrowingProxy

+ (id)proxy {
  return [[TGThrowingProxy alloc] autorelease];
}

- (NSMethodSignature*)methodSignatureForSelector:(SEL)selector {
  return [NSObject instanceMethodSignatureForSelector:@selector(description)];
}

- (void)forwardInvocation:(NSInvocation*)invocation {
  [NSException raise:NSInvalidArgumentException
              format:@"TGThrowingProxy refuses %s", sel_getName([invocation selector])];
}

- (BOOL)isKindOfClass:(Class)cls {
  (void)cls;
  [NSException raise:NSInvalidArgumentException format:@"TGThrowingProxy refuses isKindOfClass:"];
  return NO;
}

@end

@implementation TGLyingDictionary

- (instancetype)initWithRealCount:(NSUInteger)realCount {
  if ((self = [super init])) _realCount = realCount;
  return self;
}

- (NSUInteger)count {
  return 1;
}

- (id)objectForKey:(id)key {
  (void)key;
  return @"value";
}

- (NSEnumerator*)keyEnumerator {
  NSMutableArray* keys = [NSMutableArray arrayWithCapacity:_realCount];
  for (NSUInteger i = 0; i < _realCount; ++i) {
    [keys addObject:[NSString stringWithFormat:@"k%lu", (unsigned long)i]];
  }
  return [keys objectEnumerator];
}

- (NSUInteger)countByEnumeratingWithState:(NSFastEnumerationState*)state
                                  objects:(id __unsafe_unretained*)buffer
                                    count:(NSUInteger)len {
  return [[self keyEnumerator] countByEnumeratingWithState:state objects:buffer count:len];
}

@end

namespace telegate::ios_test {

SecretBytes ToSecret(NSData* data) {
  if (data == nil) return SecretBytes();
  return SecretBytes([data bytes], [data length]);
}

NSString* Str(const std::string& utf8) {
  return [[[NSString alloc] initWithBytes:utf8.data()
                                   length:utf8.size()
                                 encoding:NSUTF8StringEncoding] autorelease];
}

}  // namespace telegate::ios_test
