#include "upload/partner_filter.h"

#include "gtest/gtest.h"
#include "telegate/event.pb.h"

namespace telegate::upload_internal {
namespace {

proto::Category Category() {
  proto::Category c;
  c.set_name("log.access");
  proto::EventSpec* e = c.add_events();
  e->set_name("access");
  proto::AttributeSpec* ip = e->add_attributes();
  ip->set_key("ip");
  ip->set_identifying(true);
  e->add_attributes()->set_key("browser");
  e->add_attributes()->set_key("language");
  return c;
}

TEST(PartnerFilterTest, RemovesIdentifyingAttributesAndTheConsentEpoch) {
  proto::Event event;
  event.set_id(std::string(16, '\x01'));
  event.set_category("log.access");
  event.set_name("access");
  event.set_capture_time_ms(1234);
  event.set_consent_epoch(7);
  auto add = [&event](const char* k, const char* v) {
    proto::Attribute* a = event.add_attributes();
    a->set_key(k);
    a->set_string_value(v);
  };
  add("ip", "203.0.113.9");
  add("browser", "Chrome 120");
  add("undeclared", "secret");
  add("language", "zh-CN");

  absl::StatusOr<util_internal::SecureString> stripped =
      StripForPartner(event.SerializeAsString(), Category());
  ASSERT_TRUE(stripped.ok()) << stripped.status();
  proto::Event out;
  ASSERT_TRUE(
      out.ParseFromArray(stripped->data(), static_cast<int>(stripped->size())));
  ASSERT_EQ(out.attributes_size(), 2);
  EXPECT_EQ(out.attributes(0).key(), "browser");
  EXPECT_EQ(out.attributes(1).key(), "language");
  EXPECT_EQ(out.consent_epoch(), 0u);
  EXPECT_EQ(out.id(), event.id());  // kept: the collector deduplicates by it
  EXPECT_EQ(out.capture_time_ms(), 1234);
  EXPECT_EQ(stripped->find("203.0.113.9"), std::string::npos);
}

TEST(PartnerFilterTest, RefusesBytesThatAreNotAnEvent) {
  EXPECT_EQ(StripForPartner("\xff\xff\xff", Category()).status().code(),
            absl::StatusCode::kDataLoss);
}

}  // namespace
}  // namespace telegate::upload_internal
