// The OTLP mapping (README, "Forwarding to OpenTelemetry"): every field of a
// Telegate event lands where the table says, attribute types are kept, and
// nothing about the user is added.
#include "otlp_mapping.h"

#include <map>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "support/otlp_receiver.h"

namespace telegate::collector {
namespace {

using ::telegate::testing::FindAttribute;
using ::telegate::testing::OtlpAnyValue;
using ::telegate::testing::StringAttribute;
using ::testing::ElementsAre;

proto::BatchHeader Header() {
  proto::BatchHeader h;
  h.set_batch_id(
      std::string("\x01\x02\x03\x04\x05\x06\x07\x08"
                  "\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10",
                  16));
  h.set_region("CN");
  h.set_partner(false);
  h.set_policy_version_major(3);
  h.set_policy_version_minor(2);
  h.set_app_id("com.example.shop");
  h.set_sdk_version("9.8.7");
  h.set_created_ms(1700000000000);
  return h;
}

proto::Event Event() {
  proto::Event e;
  e.set_id(std::string(15, '\xab') + "\xcd");
  e.set_category("order");
  e.set_name("order");
  e.set_capture_time_ms(1700000001234);
  e.set_consent_epoch(7);
  auto add = [&e](const char* key) {
    proto::Attribute* a = e.add_attributes();
    a->set_key(key);
    return a;
  };
  add("order_id")->set_string_value("A-1001");
  add("amount_minor")->set_int_value(-1999);
  add("rate")->set_double_value(0.125);
  add("paid")->set_bool_value(true);
  add("gift")->set_bool_value(false);
  return e;
}

const auto& Records(const testing::OtlpRequest& request) {
  return request.resource_logs(0).scope_logs(0).log_records();
}

TEST(OtlpMappingTest, TheResourceSaysWhatTheBatchHeaderSays) {
  proto::Event e = Event();
  auto request = BuildLogsRequest(Header(), {&e}, nullptr, absl::Now());
  ASSERT_EQ(request.resource_logs_size(), 1);
  const auto& attributes = request.resource_logs(0).resource().attributes();
  std::map<std::string, std::string> strings;
  for (const auto& kv : attributes) {
    if (kv.value().has_string_value()) {
      strings[kv.key()] = kv.value().string_value();
    }
  }
  EXPECT_EQ(strings["service.name"], "com.example.shop");
  EXPECT_EQ(strings["telemetry.sdk.name"], "telegate");
  EXPECT_EQ(strings["telemetry.sdk.version"], "9.8.7");
  EXPECT_EQ(strings["telegate.region"], "CN");
  EXPECT_EQ(strings["telegate.policy_version"], "3.2");
  const OtlpAnyValue* partner = FindAttribute(attributes, "telegate.partner");
  ASSERT_NE(partner, nullptr);
  EXPECT_TRUE(partner->has_bool_value());
  EXPECT_FALSE(partner->bool_value());
  EXPECT_EQ(attributes.size(), 6) << "nothing else, no install id";
  const auto& scope_logs = request.resource_logs(0).scope_logs();
  ASSERT_EQ(scope_logs.size(), 1);
  EXPECT_EQ(scope_logs[0].scope().name(), "telegate");
  EXPECT_EQ(scope_logs[0].scope().version(), "9.8.7");
}

TEST(OtlpMappingTest, AnEventBecomesOneLogRecordWithItsTypedAttributes) {
  proto::Event e = Event();
  absl::Time received = absl::FromUnixMillis(1700000009999);
  auto request = BuildLogsRequest(Header(), {&e}, nullptr, received);
  ASSERT_EQ(Records(request).size(), 1);
  const testing::OtlpLogRecord& r = Records(request)[0];
  EXPECT_EQ(r.time_unix_nano(), 1700000001234ull * 1000000ull);
  EXPECT_EQ(r.observed_time_unix_nano(), 1700000009999ull * 1000000ull);
  EXPECT_EQ(r.event_name(), "order");
  EXPECT_EQ(r.body().string_value(), "order");
  std::vector<std::string> keys;
  for (const auto& kv : r.attributes()) keys.push_back(kv.key());
  EXPECT_THAT(keys, ElementsAre("order_id", "amount_minor", "rate", "paid",
                                "gift", "telegate.category",
                                "telegate.event_id", "telegate.batch_id"));
  const auto& a = r.attributes();
  EXPECT_EQ(FindAttribute(a, "order_id")->string_value(), "A-1001");
  EXPECT_TRUE(FindAttribute(a, "amount_minor")->has_int_value());
  EXPECT_EQ(FindAttribute(a, "amount_minor")->int_value(), -1999);
  EXPECT_TRUE(FindAttribute(a, "rate")->has_double_value());
  EXPECT_EQ(FindAttribute(a, "rate")->double_value(), 0.125);
  EXPECT_TRUE(FindAttribute(a, "paid")->has_bool_value());
  EXPECT_TRUE(FindAttribute(a, "paid")->bool_value());
  EXPECT_TRUE(FindAttribute(a, "gift")->has_bool_value());
  EXPECT_FALSE(FindAttribute(a, "gift")->bool_value());
  EXPECT_EQ(StringAttribute(r, "telegate.category"), "order");
  EXPECT_EQ(StringAttribute(r, "telegate.event_id"),
            "abababababababababababababababcd");
  EXPECT_EQ(StringAttribute(r, "telegate.batch_id"),
            "0102030405060708090a0b0c0d0e0f10");
  EXPECT_EQ(r.dropped_attributes_count(), 0u);
  EXPECT_EQ(r.severity_number(), 0) << "Telegate events carry no severity";
}

TEST(OtlpMappingTest, AForgedTelegateAttributeCannotOverrideTheMappingsOwn) {
  proto::Event e = Event();
  proto::Attribute* forged = e.add_attributes();
  forged->set_key("telegate.event_id");
  forged->set_string_value("forged");
  auto request = BuildLogsRequest(Header(), {&e}, nullptr, absl::Now());
  const testing::OtlpLogRecord& r = Records(request)[0];
  int ids = 0;
  for (const auto& kv : r.attributes()) ids += kv.key() == "telegate.event_id";
  EXPECT_EQ(ids, 1);
  EXPECT_EQ(StringAttribute(r, "telegate.event_id"),
            absl::BytesToHexString(e.id()));
  EXPECT_EQ(r.dropped_attributes_count(), 1u);
}

TEST(OtlpMappingTest, ADeletionRequestBecomesOneRecordWithTheInstallIds) {
  proto::DeletionRequest deletion;
  deletion.add_install_ids("11111111-2222-3333-4444-555555555555");
  deletion.add_install_ids("66666666-7777-8888-9999-000000000000");
  deletion.set_requested_ms(1700000005000);
  auto request = BuildLogsRequest(Header(), {}, &deletion,
                                  absl::FromUnixMillis(1700000006000));
  ASSERT_EQ(Records(request).size(), 1);
  const testing::OtlpLogRecord& r = Records(request)[0];
  EXPECT_EQ(r.event_name(), "telegate.deletion_request");
  EXPECT_EQ(r.body().string_value(), "telegate.deletion_request");
  EXPECT_EQ(r.time_unix_nano(), 1700000005000ull * 1000000ull);
  EXPECT_EQ(r.observed_time_unix_nano(), 1700000006000ull * 1000000ull);
  const OtlpAnyValue* ids =
      FindAttribute(r.attributes(), "telegate.install_ids");
  ASSERT_NE(ids, nullptr);
  ASSERT_TRUE(ids->has_array_value());
  ASSERT_EQ(ids->array_value().values_size(), 2);
  EXPECT_EQ(ids->array_value().values(0).string_value(),
            "11111111-2222-3333-4444-555555555555");
  EXPECT_EQ(ids->array_value().values(1).string_value(),
            "66666666-7777-8888-9999-000000000000");
  EXPECT_EQ(StringAttribute(r, "telegate.batch_id"),
            "0102030405060708090a0b0c0d0e0f10");
}

TEST(OtlpMappingTest, ARequestRoundTripsThroughTheWireFormat) {
  proto::Event e = Event();
  auto request = BuildLogsRequest(Header(), {&e, &e}, nullptr, absl::Now());
  testing::OtlpRequest decoded;
  ASSERT_TRUE(decoded.ParseFromString(request.SerializeAsString()));
  EXPECT_EQ(Records(decoded).size(), 2);
  EXPECT_EQ(decoded.SerializeAsString(), request.SerializeAsString());
}

}  // namespace
}  // namespace telegate::collector
