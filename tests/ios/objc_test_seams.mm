#import "objc_test_seams.h"

#include <cstring>

@implementation TGTestSeam

- (instancetype)init {
  if ((self = [super init])) _lock = [[NSLock alloc] init];
  return self;
}

- (void)dealloc {
  [_lock release];
  [super dealloc];
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

- (BOOL)countCall:(int*)counter {
  [_lock lock];
  ++*counter;
  BOOL throws = _throws;
  [_lock unlock];
  return throws;
}

- (int)locked:(const int*)counter {
  [_lock lock];
  int value = *counter;
  [_lock unlock];
  return value;
}

@end

@implementation TGTestPermissionSource

- (instancetype)init {
  if ((self = [super init])) _granted = [[NSMutableSet alloc] init];
  return self;
}

- (void)dealloc {
  [_granted release];
  if (_handler != nil) Block_release(_handler);
  [super dealloc];
}

- (NSInteger)osMajorVersion {
  return 17;
}

- (BOOL)isPermissionGranted:(NSString*)permission {
  if ([self countCall:&_checks]) {
    [NSException raise:NSInternalInconsistencyException
                format:@"permission check failed on purpose"];
  }
  [_lock lock];
  const BOOL granted = [_granted containsObject:permission];
  [_lock unlock];
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

- (void)setGrantedQuietly:(BOOL)granted forPermission:(NSString*)permission {
  [_lock lock];
  if (granted) {
    [_granted addObject:permission];
  } else {
    [_granted removeObject:permission];
  }
  [_lock unlock];
}

- (void)setGranted:(BOOL)granted forPermission:(NSString*)permission {
  [self setGrantedQuietly:granted forPermission:permission];
  [_lock lock];
  void (^handler)(void) = nullptr;
  if (_handler != nil) handler = Block_copy(_handler);
  [_lock unlock];
  if (handler != nil) {
    handler();
    Block_release(handler);
  }
}

- (int)checks {
  return [self locked:&_checks];
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
    _keys = [[NSMutableDictionary alloc] init];
    _escrow = [[NSMutableDictionary alloc] init];
  }
  return self;
}

- (void)dealloc {
  [_keys release];
  [_escrow release];
  [super dealloc];
}

- (void)throwIfAsked {
  if ([self countCall:&_calls]) {
    [NSException raise:NSGenericException format:@"key store is broken"];
  }
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

- (int)creates {
  return [self locked:&_creates];
}

@end

@implementation TGTestDeviceFacts

- (TGDeviceInfo*)readDeviceInfo:(NSError**)error {
  (void)error;
  if ([self countCall:&_reads]) {
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
  return [self locked:&_reads];
}

@end

@implementation TGTestDeviceIdentity

- (TGDeviceIds*)readDeviceIds:(NSError**)error {
  (void)error;
  if ([self countCall:&_reads]) {
    [NSException raise:NSInternalInconsistencyException format:@"identifierForVendor unavailable"];
  }
  if ([self locked:&_wrongClass] != 0) return (TGDeviceIds*)@"not a TGDeviceIds";
  TGDeviceIds* ids = [[[TGDeviceIds alloc] init] autorelease];
  ids.deviceID = @"6F9619FF-8B86-D011-B42D-00C04FC964FF";
  return ids;
}

- (int)reads {
  return [self locked:&_reads];
}

- (BOOL)returnsWrongClass {
  return [self locked:&_wrongClass] != 0;
}

- (void)setReturnsWrongClass:(BOOL)wrong {
  [_lock lock];
  _wrongClass = wrong ? 1 : 0;
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
