// Hostile input through the Objective-C API: nil, NSNull, odd classes,
// proxies that throw, huge and lying dictionaries, embedded NUL, unpaired
// UTF-16 surrogates, and NSNumber kinds. None may crash, block or be
// silently mangled; each is refused with a clear error, or kept exactly.
#import <Foundation/Foundation.h>
#import <Telegate/Telegate.h>

#include <objc/runtime.h>

#include <atomic>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "catalog/catalog.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#import "objc_client_fixture.h"
#include "telegate/export.pb.h"
#include "telegate/policy.pb.h"

namespace telegate::ios_test {
namespace {

using ::testing::HasSubstr;

std::string Message(NSError* error) {
  return error == nil ? "(no error)" : std::string([[error localizedDescription] UTF8String]);
}

// The result of one track call with its error.
struct Tracked {
  TGTrackResult result;
  NSInteger code;
  std::string message;
};

Tracked Track(TGClient* client, id category, id event, id attributes) {
  NSError* error = nil;
  TGTrackResult result = [client track:category event:event attributes:attributes error:&error];
  return {result, error == nil ? 0 : error.code, Message(error)};
}

// The log.search events of an export, in order.
std::vector<proto::Event> SearchEvents(TGClient* client) {
  NSError* error = nil;
  NSData* data = [client exportUserDataInFormat:TGExportFormatProtobuf error:&error];
  EXPECT_NE(data, nil) << Message(error);
  proto::UserDataExport exported;
  EXPECT_TRUE(exported.ParseFromArray([data bytes], static_cast<int>([data length])));
  for (const proto::CategoryExport& c : exported.categories()) {
    if (c.name() == "log.search") {
      return std::vector<proto::Event>(c.events().begin(), c.events().end());
    }
  }
  return {};
}

const proto::Attribute* Find(const proto::Event& event, const std::string& key) {
  for (const proto::Attribute& a : event.attributes()) {
    if (a.key() == key) return &a;
  }
  return nullptr;
}

// nil where the API says nonnull, hidden from the compiler's checks: an
// Objective-C caller can pass it anyway.
id Nothing() {
  static id volatile nothing = nil;
  return nothing;
}

NSString* Units(std::initializer_list<unichar> units) {
  std::vector<unichar> v(units);
  return [[[TGTestUTF16String alloc] initWithUnits:v.data() length:v.size()] autorelease];
}

class ObjcHostileInputTest : public ObjcClientTest {
 protected:
  void SetUp() override {
    ASSERT_NE(Open(), nil);
    NSError* error = nil;
    ASSERT_TRUE([client_ setConsent:YES forCategory:@"log.search" error:&error]);
  }

  void ExpectInvalid(id category, id event, id attributes, const std::string& message_part) {
    Tracked t = Track(client_, category, event, attributes);
    EXPECT_EQ(t.result, TGTrackResultInvalidArgument) << t.message;
    EXPECT_EQ(t.code, TGErrorInvalidArgument);
    EXPECT_THAT(t.message, HasSubstr(message_part));
  }
};

TEST_F(ObjcHostileInputTest, NilAndNSNullAreRefusedWithClearErrors) {
  ExpectInvalid(nil, @"search", nil, "category is nil");
  ExpectInvalid([NSNull null], @"search", nil, "category is NSNull");
  ExpectInvalid(@"log.search", nil, nil, "event is nil");
  ExpectInvalid(@"log.search", @"search", @{@"query" : [NSNull null]},
                "attribute \"query\" is NSNull");
  ExpectInvalid(@"log.search", @"search", @{[NSNull null] : @"x"}, "an attribute key is NSNull");
  // nil attributes: an event without attributes, which the catalog allows.
  EXPECT_EQ(Track(client_, @"log.search", @"search", nil).result, TGTrackResultQueued);

  NSError* error = nil;
  EXPECT_FALSE([client_ setConsent:YES forCategory:(NSString*)Nothing() error:&error]);
  EXPECT_EQ(error.code, TGErrorInvalidArgument);
  EXPECT_THAT(Message(error), HasSubstr("category is nil"));
  error = nil;
  EXPECT_FALSE([client_ acceptPolicy:(NSString*)[NSNull null] error:&error]);
  EXPECT_THAT(Message(error), HasSubstr("policy version is NSNull"));
  error = nil;
  EXPECT_FALSE([client_ setEndpoints:(NSArray*)Nothing() error:&error]);
  EXPECT_EQ(error.code, TGErrorInvalidArgument);
  error = nil;
  EXPECT_EQ([client_ runUploadsWithTransport:(id<TGTransport>)Nothing() timeout:1 error:&error],
            nil);
  EXPECT_EQ(error.code, TGErrorInvalidArgument);
  error = nil;
  EXPECT_EQ([TGClient openWithOptions:(TGOptions*)Nothing() error:&error], nil);
  EXPECT_THAT(Message(error), HasSubstr("options must be a TGOptions, not nil"));
  // A NULL error pointer is fine.
  EXPECT_FALSE([client_ setConsent:YES forCategory:(NSString*)Nothing() error:NULL]);
}

TEST_F(ObjcHostileInputTest, OddClassesAreRefusedWithClearErrors) {
  ExpectInvalid(@42, @"search", nil, "category must be an NSString, not ");
  ExpectInvalid(@"log.search", @"search", (id) @"not a dictionary",
                "attributes must be an NSDictionary, not ");
  ExpectInvalid(
      @"log.search", @"search",
      @{@7 : @"x"}, "an attribute key must be an NSString");
  ExpectInvalid(@"log.search", @"search", @{@"query" : [NSDate date]}, "attribute \"query\" is a ");
  ExpectInvalid(
      @"log.search", @"search",
      @{@"query" : @[ @"a" ]}, "only NSString and NSNumber are accepted");
  ExpectInvalid(@"log.search", @"search", @{@"query" : [NSData dataWithBytes:"x" length:1]},
                "only NSString and NSNumber are accepted");
  ExpectInvalid(@"log.search", @"search", @{@"query" : [[[NSObject alloc] init] autorelease]},
                "attribute \"query\" is a NSObject");
  // A proxy that raises on every message, wherever it hides.
  ExpectInvalid([TGThrowingProxy proxy], @"search", nil, "reading the event raised");
  ExpectInvalid(@"log.search", @"search", @{@"query" : [TGThrowingProxy proxy]},
                "TGThrowingProxy refuses");
  NSError* error = nil;
  EXPECT_FALSE([client_ setConsent:NO forCategory:(NSString*)[TGThrowingProxy proxy] error:&error]);
  EXPECT_THAT(Message(error), HasSubstr("reading category raised"));
  error = nil;
  EXPECT_FALSE([client_ setEndpoints:(NSArray*)@[ @"https://example.com" ] error:&error]);
  EXPECT_THAT(Message(error), HasSubstr("endpoints must hold TGEndpoint objects"));
  error = nil;
  EXPECT_FALSE([client_ setEndpoints:(NSArray*)@[ [TGThrowingProxy proxy] ] error:&error]);
  EXPECT_THAT(Message(error), HasSubstr("reading endpoints raised"));
  // An unknown category or undeclared attribute: the core's own message.
  ExpectInvalid(@"log.nothing", @"search", nil, "unknown category");
  ExpectInvalid(@"log.search", @"search", @{@"password" : @"x"},
                "declares no attribute \"password\"");
  // Still usable afterwards.
  EXPECT_EQ(Track(client_, @"log.search", @"search", @{@"query" : @"ok"}).result,
            TGTrackResultQueued);
}

TEST_F(ObjcHostileInputTest, HugeDictionariesAndStringsAreRefusedBeforeBeingRead) {
  NSMutableDictionary* huge = [NSMutableDictionary dictionary];
  for (int i = 0; i < 100000; ++i) {
    [huge setObject:@"v" forKey:[NSString stringWithFormat:@"k%d", i]];
  }
  ExpectInvalid(@"log.search", @"search", huge, "hold 100000 entries");
  TGLyingDictionary* liar = [[[TGLyingDictionary alloc] initWithRealCount:1000] autorelease];
  ExpectInvalid(@"log.search", @"search", liar, "more than 64 entries");

  NSString* long_query = [@"" stringByPaddingToLength:(1 << 20) withString:@"q" startingAtIndex:0];
  ExpectInvalid(@"log.search", @"search", @{@"query" : long_query},
                "attribute \"query\" is longer than");
  NSString* long_category = [@"" stringByPaddingToLength:100000 withString:@"c" startingAtIndex:0];
  ExpectInvalid(long_category, @"search", nil, "category is longer than");
  // Just under the event limit is the core's call (too large once encoded).
  NSString* big = [@"" stringByPaddingToLength:15000 withString:@"b" startingAtIndex:0];
  EXPECT_EQ(Track(client_, @"log.search", @"search", @{@"query" : big}).result,
            TGTrackResultQueued);
  EXPECT_EQ([[client_ categoryStatus] count], 13u);
}

TEST_F(ObjcHostileInputTest, EmbeddedNulIsKeptExactlyNotTruncated) {
  const unichar with_nul[] = {'b', 'e', 'f', 'o', 'r', 'e', 0, 'a', 'f', 't', 'e', 'r'};
  NSString* query = [NSString stringWithCharacters:with_nul length:12];
  ASSERT_EQ([query length], 12u);
  EXPECT_EQ(Track(client_, @"log.search", @"search", @{@"query" : query}).result,
            TGTrackResultQueued);
  std::vector<proto::Event> events = SearchEvents(client_);
  ASSERT_EQ(events.size(), 1u);
  const proto::Attribute* stored = Find(events[0], "query");
  ASSERT_NE(stored, nullptr);
  EXPECT_EQ(stored->string_value(), std::string("before\0after", 12));

  // A NUL in a name is not cut off into a valid name.
  const unichar category[] = {'l', 'o', 'g', '.', 's', 'e', 'a', 'r', 'c', 'h', 0, 'x'};
  ExpectInvalid([NSString stringWithCharacters:category length:12], @"search", nil,
                "unknown category");
  EXPECT_EQ(SearchEvents(client_).size(), 1u);
}

TEST_F(ObjcHostileInputTest, UnpairedSurrogatesAreRefusedAndValidPairsKept) {
  // As an iOS app can build them (Apple's NSString holds any UTF-16).
  ExpectInvalid(@"log.search", @"search", @{@"query" : Units({'a', 0xD83D})},
                "attribute \"query\" is not valid Unicode: unpaired UTF-16 "
                "surrogate at index 1");
  ExpectInvalid(@"log.search", @"search", @{@"query" : Units({0xD83D, 'a'})},
                "surrogate at index 0");
  ExpectInvalid(@"log.search", @"search", @{@"query" : Units({'x', 'y', 0xDE00})},
                "surrogate at index 2");
  ExpectInvalid(Units({'l', 0xDC00}), @"search", nil, "category is not valid Unicode");
  ExpectInvalid(@"log.search", @"search", @{Units({0xD800}) : @"x"},
                "an attribute key is not valid Unicode");
  NSError* error = nil;
  EXPECT_FALSE([client_ setConsent:YES forCategory:Units({0xDBFF}) error:&error]);
  EXPECT_THAT(Message(error), HasSubstr("unpaired UTF-16 surrogate"));
  // A surrogate pair past the first read chunk (256 code units).
  std::vector<unichar> long_units(300, 'a');
  long_units[299] = 0xD83D;
  NSString* late = [[[TGTestUTF16String alloc] initWithUnits:long_units.data()
                                                      length:long_units.size()] autorelease];
  ExpectInvalid(@"log.search", @"search", @{@"query" : late}, "at index 299");
  long_units[255] = 0xD83D;  // pair split across two chunks
  long_units[256] = 0xDE00;
  long_units[299] = 'a';
  NSString* split = [[[TGTestUTF16String alloc] initWithUnits:long_units.data()
                                                       length:long_units.size()] autorelease];
  EXPECT_EQ(Track(client_, @"log.search", @"search", @{@"query" : split}).result,
            TGTrackResultQueued);

  // U+1F600 as a proper pair is four bytes of UTF-8.
  EXPECT_EQ(
      Track(client_, @"log.search", @"search", @{@"query" : Units({'h', 'i', 0xD83D, 0xDE00})})
          .result,
      TGTrackResultQueued);
  std::vector<proto::Event> events = SearchEvents(client_);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(Find(events[0], "query")->string_value(),
            std::string(255, 'a') + "\xF0\x9F\x98\x80" + std::string(43, 'a'));
  EXPECT_EQ(Find(events[1], "query")->string_value(), "hi\xF0\x9F\x98\x80");
}

// log.search's event with a BOOL and a DOUBLE attribute added, so that the
// three NSNumber kinds meet three declared types.
NSData* PolicyWithEveryType() {
  proto::Policy policy;
  policy.ParseFromString(std::string(catalog_internal::Catalog::DefaultPolicyBytes()));
  for (proto::Category& c : *policy.mutable_categories()) {
    if (c.name() != "log.search") continue;
    proto::EventSpec* search = c.mutable_events(0);
    proto::AttributeSpec* flag = search->add_attributes();
    flag->set_key("signed_in");
    flag->set_type(proto::BOOL);
    proto::AttributeSpec* score = search->add_attributes();
    score->set_key("score");
    score->set_type(proto::DOUBLE);
  }
  const std::string bytes = policy.SerializeAsString();
  return [NSData dataWithBytes:bytes.data() length:bytes.size()];
}

TEST_F(ObjcHostileInputTest, IntegerDoubleAndBoolNumbersAreKeptApart) {
  ASSERT_NE(Open([](TGOptions* o) { o.policyDocument = PolicyWithEveryType(); }), nil);
  NSError* error = nil;
  ASSERT_TRUE([client_ setConsent:YES forCategory:@"log.search" error:&error]);
  NSDictionary* good = @{
    @"results" : @12,
    @"signed_in" : [NSNumber numberWithBool:YES],
    @"score" : @0.5,
  };
  EXPECT_EQ(Track(client_, @"log.search", @"search", good).result, TGTrackResultQueued);
  NSDictionary* small_kinds = @{
    @"results" : [NSNumber numberWithChar:1],  // a char is a number, not a BOOL
    @"signed_in" : [NSNumber numberWithBool:NO],
    @"score" : [NSNumber numberWithFloat:0.25f],
  };
  EXPECT_EQ(Track(client_, @"log.search", @"search", small_kinds).result, TGTrackResultQueued);
  std::vector<proto::Event> events = SearchEvents(client_);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(Find(events[0], "results")->value_case(), proto::Attribute::kIntValue);
  EXPECT_EQ(Find(events[0], "results")->int_value(), 12);
  EXPECT_EQ(Find(events[0], "signed_in")->value_case(), proto::Attribute::kBoolValue);
  EXPECT_TRUE(Find(events[0], "signed_in")->bool_value());
  EXPECT_EQ(Find(events[0], "score")->value_case(), proto::Attribute::kDoubleValue);
  EXPECT_EQ(Find(events[0], "score")->double_value(), 0.5);
  EXPECT_EQ(Find(events[1], "results")->int_value(), 1);
  EXPECT_EQ(Find(events[1], "signed_in")->value_case(), proto::Attribute::kBoolValue);
  EXPECT_FALSE(Find(events[1], "signed_in")->bool_value());
  EXPECT_EQ(Find(events[1], "score")->double_value(), 0.25);

  // Each kind where another is declared is refused, not converted.
  ExpectInvalid(@"log.search", @"search", @{@"results" : [NSNumber numberWithBool:YES]},
                "must be int");
  ExpectInvalid(
      @"log.search", @"search",
      @{@"results" : @1.5}, "must be int");
  ExpectInvalid(
      @"log.search", @"search",
      @{@"signed_in" : @1}, "must be bool");
  ExpectInvalid(
      @"log.search", @"search",
      @{@"score" : @1}, "must be double");
  ExpectInvalid(@"log.search", @"search", @{@"score" : [NSNumber numberWithBool:YES]},
                "must be double");
  ExpectInvalid(@"log.search", @"search",
                @{@"results" : [NSNumber numberWithUnsignedLongLong:~0ULL]},
                "does not fit in a 64-bit integer");
  EXPECT_EQ(Track(client_, @"log.search", @"search",
                  @{@"results" : [NSNumber numberWithLongLong:INT64_MIN]})
                .result,
            TGTrackResultQueued);
}

// Counts +[NSError allocWithZone:] (every NSError Foundation creates goes
// through it).
std::atomic<int> g_error_allocs{0};
IMP g_original_alloc = nullptr;

id CountingAllocWithZone(id self, SEL cmd, NSZone* zone) {
  ++g_error_allocs;
  return reinterpret_cast<id (*)(id, SEL, NSZone*)>(g_original_alloc)(self, cmd, zone);
}

void CountNSErrorAllocations() {
  if (g_original_alloc != nullptr) return;
  Class meta = object_getClass([NSError class]);
  SEL sel = @selector(allocWithZone:);
  Method inherited = class_getClassMethod([NSError class], sel);
  g_original_alloc = method_getImplementation(inherited);
  // Added to NSError's metaclass only, so other classes are not counted.
  if (!class_addMethod(meta, sel, reinterpret_cast<IMP>(CountingAllocWithZone),
                       method_getTypeEncoding(inherited))) {
    method_setImplementation(inherited, reinterpret_cast<IMP>(CountingAllocWithZone));
  }
}

TEST_F(ObjcHostileInputTest, TrackOnAClosedCategoryAllocatesNoError) {
  CountNSErrorAllocations();
  NSDictionary* attributes = @{@"order_id" : @"A-1", @"amount_minor" : @100};
  const int before = g_error_allocs.load();
  for (int i = 0; i < 1000; ++i) {
    NSError* error = nil;
    ASSERT_EQ([client_ track:@"order" event:@"order" attributes:attributes error:&error],
              TGTrackResultClosed);
    ASSERT_EQ(error, nil);
    ASSERT_EQ([client_ track:@"order" event:@"order" attributes:attributes], TGTrackResultClosed);
  }
  EXPECT_EQ(g_error_allocs.load(), before);
  // Positive control: the counter sees the errors of a refused call.
  NSError* error = nil;
  EXPECT_EQ([client_ track:@"log.search" event:@"nope" attributes:nil error:&error],
            TGTrackResultInvalidArgument);
  EXPECT_NE(error, nil);
  EXPECT_GT(g_error_allocs.load(), before);
  EXPECT_EQ([client_ dropCounts].closed, 2000);
}

TEST_F(ObjcHostileInputTest, CallsAfterCloseFailCleanly) {
  NSError* error = nil;
  ASSERT_TRUE([client_ closeWithTimeout:30 error:&error]);
  EXPECT_EQ(Track(client_, @"log.search", @"search", nil).result, TGTrackResultClientClosed);
  EXPECT_FALSE([client_ setConsent:YES forCategory:@"order" error:&error]);
  EXPECT_EQ(error.code, TGErrorFailedPrecondition);
  EXPECT_TRUE([client_ closeWithTimeout:30 error:&error]);  // idempotent
}

}  // namespace
}  // namespace telegate::ios_test
