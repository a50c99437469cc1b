#include "event/event_codec.h"

#include <limits>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "telegate/event.pb.h"

namespace telegate::event_internal {
namespace {

using ::testing::HasSubstr;

proto::EventSpec SearchSpec() {
  proto::EventSpec spec;
  spec.set_name("search");
  auto add = [&](const char* key, proto::AttributeType type) {
    proto::AttributeSpec* a = spec.add_attributes();
    a->set_key(key);
    a->set_type(type);
  };
  add("query", proto::STRING);
  add("results", proto::INT);
  add("score", proto::DOUBLE);
  add("first", proto::BOOL);
  return spec;
}

proto::Event Reference(const EventFields& f,
                       absl::Span<const Attribute> attributes) {
  proto::Event e;
  e.set_id(std::string(f.id));
  e.set_category(std::string(f.category));
  e.set_name(std::string(f.name));
  e.set_capture_time_ms(f.capture_time_ms);
  e.set_consent_epoch(f.consent_epoch);
  for (const Attribute& a : attributes) {
    proto::Attribute* pa = e.add_attributes();
    pa->set_key(std::string(a.key()));
    switch (a.type()) {
      case Attribute::Type::kString:
        pa->set_string_value(std::string(a.string_value()));
        break;
      case Attribute::Type::kInt:
        pa->set_int_value(a.int_value());
        break;
      case Attribute::Type::kDouble:
        pa->set_double_value(a.double_value());
        break;
      case Attribute::Type::kBool:
        pa->set_bool_value(a.bool_value());
        break;
    }
  }
  return e;
}

void ExpectSameAsGenerated(const EventFields& f,
                           std::initializer_list<Attribute> list) {
  absl::Span<const Attribute> attributes(list.begin(), list.size());
  util_internal::SecureString encoded = EncodeEvent(f, attributes);
  std::string ours(encoded.data(), encoded.size());
  EXPECT_EQ(ours.size(), EncodedEventSize(f, attributes));
  EXPECT_EQ(ours, Reference(f, attributes).SerializeAsString());
  proto::Event parsed;
  ASSERT_TRUE(parsed.ParseFromString(ours));
  EXPECT_EQ(parsed.name(), f.name);
}

TEST(EventCodecTest, EncodesByteForByteLikeTheGeneratedSerializer) {
  const std::string id(16, '\x07');
  EventFields f{id, "log.search", "search", 1796000000123, 5};
  ExpectSameAsGenerated(f, {});
  ExpectSameAsGenerated(f, {{"query", "red shoes"}, {"results", 12}});
  ExpectSameAsGenerated(f, {{"score", 0.5}, {"first", true}, {"first", false}});
  ExpectSameAsGenerated(f, {{"results", -1}, {"query", ""}, {"score", -0.0}});
  ExpectSameAsGenerated(f, {{"results", std::numeric_limits<int64_t>::min()},
                            {"results", std::numeric_limits<int64_t>::max()}});
  ExpectSameAsGenerated(f, {{"query", std::string(300, 'x')}});
}

TEST(EventCodecTest, OmitsZeroEnvelopeFieldsAsProto3Does) {
  EventFields f{"", "", "", 0, 0};
  ExpectSameAsGenerated(f, {{"results", 0}});
  EXPECT_EQ(EncodeEvent(f, {}), "");
}

TEST(EventCodecTest, AcceptsDeclaredAttributesOfTheRightType) {
  proto::EventSpec spec = SearchSpec();
  std::vector<Attribute> ok = {
      {"query", "x"}, {"results", 3}, {"score", 1.5}, {"first", true}};
  EXPECT_TRUE(ValidateAttributes(spec, ok).ok());
  EXPECT_TRUE(ValidateAttributes(spec, {}).ok());
}

TEST(EventCodecTest, RejectsUndeclaredAttributes) {
  std::vector<Attribute> a = {{"imei", "123"}};
  absl::Status s = ValidateAttributes(SearchSpec(), a);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("imei"));
}

TEST(EventCodecTest, RejectsAWrongType) {
  std::vector<Attribute> a = {{"results", "twelve"}};
  absl::Status s = ValidateAttributes(SearchSpec(), a);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("must be int"));
}

TEST(EventCodecTest, RejectsARepeatedKey) {
  std::vector<Attribute> a = {{"query", "a"}, {"query", "b"}};
  EXPECT_THAT(ValidateAttributes(SearchSpec(), a).message(),
              HasSubstr("given twice"));
}

TEST(EventCodecTest, RejectsStringsThatAreNotUtf8) {
  std::vector<Attribute> a = {{"query", "\xc3\x28"}};
  EXPECT_THAT(ValidateAttributes(SearchSpec(), a).message(),
              HasSubstr("UTF-8"));
}

TEST(EventCodecTest, Utf8ValidatorFollowsTheStandard) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain ascii"));
  EXPECT_TRUE(IsValidUtf8("\xe4\xb8\xad\xe6\x96\x87"));  // 中文
  EXPECT_TRUE(IsValidUtf8("\xf0\x9f\x98\x80"));          // emoji
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));                 // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));             // surrogate
  EXPECT_FALSE(IsValidUtf8("\xf4\x90\x80\x80"));         // > U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xe4\xb8"));                 // truncated
  EXPECT_FALSE(IsValidUtf8("\x80"));                     // lone continuation
}

TEST(EventCodecTest, EventIdsAreSixteenBytesAndDiffer) {
  char a[kEventIdSize], b[kEventIdSize];
  NewEventId(a);
  NewEventId(b);
  EXPECT_NE(std::string(a, kEventIdSize), std::string(b, kEventIdSize));
}

}  // namespace
}  // namespace telegate::event_internal
