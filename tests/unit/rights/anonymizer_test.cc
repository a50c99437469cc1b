#include "rights/anonymizer.h"

#include <map>
#include <optional>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace telegate::rights_internal {
namespace {

using catalog_internal::Catalog;

proto::Event MakeEvent(const std::string& category, const std::string& name) {
  proto::Event e;
  e.set_id(std::string(16, 'i'));
  e.set_category(category);
  e.set_name(name);
  e.set_capture_time_ms(1234);
  return e;
}
void Add(proto::Event* e, const std::string& key, const std::string& v) {
  proto::Attribute* a = e->add_attributes();
  a->set_key(key);
  a->set_string_value(v);
}
void Add(proto::Event* e, const std::string& key, double v) {
  proto::Attribute* a = e->add_attributes();
  a->set_key(key);
  a->set_double_value(v);
}
std::map<std::string, proto::Attribute> ByKey(const proto::Event& e) {
  std::map<std::string, proto::Attribute> m;
  for (const auto& a : e.attributes()) m[a.key()] = a;
  return m;
}

class AnonymizerTest : public ::testing::Test {
 protected:
  void SetUp() override { catalog_ = *Catalog::Default(); }
  std::optional<proto::Event> Run(const proto::Event& e) {
    proto::Event out = e;
    if (!AnonymizeEvent(*catalog_, *catalog_->Find(e.category()), &out)) {
      return std::nullopt;
    }
    return out;
  }
  std::shared_ptr<const Catalog> catalog_;
};

TEST_F(AnonymizerTest, TruncatesIpAddressesToTheirNetwork) {
  EXPECT_EQ(TruncateIp("192.168.7.42"), "192.168.7.0");
  EXPECT_EQ(TruncateIp("2001:db8:1:2:3:4:5:6"), "2001:db8:1::");
  EXPECT_EQ(TruncateIp("not an ip"), "");
  EXPECT_EQ(TruncateIp("192.168.7.42/24"), "");
}

TEST_F(AnonymizerTest, CoarsensCoordinatesToTwoDecimals) {
  EXPECT_DOUBLE_EQ(CoarsenCoordinate(31.230416), 31.23);
  EXPECT_DOUBLE_EQ(CoarsenCoordinate(-121.4737), -121.47);
}

TEST_F(AnonymizerTest, PreciseLocationIsCoarsenedAndAltitudeDropped) {
  proto::Event e = MakeEvent("location.precise", "fix");
  Add(&e, "latitude", 31.230416);
  Add(&e, "longitude", 121.473701);
  Add(&e, "accuracy_m", 4.0);
  Add(&e, "altitude_m", 17.5);
  std::optional<proto::Event> out = Run(e);
  ASSERT_TRUE(out.has_value());
  auto m = ByKey(*out);
  EXPECT_DOUBLE_EQ(m["latitude"].double_value(), 31.23);
  EXPECT_DOUBLE_EQ(m["longitude"].double_value(), 121.47);
  EXPECT_DOUBLE_EQ(m["accuracy_m"].double_value(), 4.0);
  EXPECT_EQ(m.count("altitude_m"), 0u);
  EXPECT_EQ(out->id(), e.id());
  EXPECT_EQ(out->capture_time_ms(), 1234);
}

TEST_F(AnonymizerTest, AccessLogKeepsOnlyTheNetwork) {
  proto::Event e = MakeEvent("log.access", "access");
  Add(&e, "ip", "10.1.2.3");
  Add(&e, "browser", "Firefox");
  auto m = ByKey(*Run(e));
  EXPECT_EQ(m["ip"].string_value(), "10.1.2.0");
  EXPECT_EQ(m["browser"].string_value(), "Firefox");
}

TEST_F(AnonymizerTest, IdentifiersDisappearWithTheirEvent) {
  proto::Event e = MakeEvent("device.identifiers", "identifiers");
  Add(&e, "install_id", "abc");
  Add(&e, "advertising_id", "def");
  EXPECT_FALSE(Run(e).has_value());
}

TEST_F(AnonymizerTest, IdentifyingFieldsGoOthersStay) {
  proto::Event wifi = MakeEvent("location.wifi", "wifi_scan");
  Add(&wifi, "ssid", "HomeNet-Li");
  Add(&wifi, "bssid_hash", "h");
  proto::Attribute* rssi = wifi.add_attributes();
  rssi->set_key("rssi");
  rssi->set_int_value(-60);
  auto m = ByKey(*Run(wifi));
  EXPECT_EQ(m.size(), 1u);
  EXPECT_EQ(m["rssi"].int_value(), -60);

  proto::Event order = MakeEvent("order", "order");
  Add(&order, "order_id", "A-1");
  Add(&order, "currency", "CNY");
  auto o = ByKey(*Run(order));
  EXPECT_EQ(o.count("order_id"), 0u);
  EXPECT_EQ(o["currency"].string_value(), "CNY");
}

TEST_F(AnonymizerTest, UndeclaredAttributesAreNeverKept) {
  proto::Event e = MakeEvent("log.search", "search");
  Add(&e, "query", "kettle");
  Add(&e, "imei", "123456789012345");
  auto m = ByKey(*Run(e));
  EXPECT_EQ(m.count("imei"), 0u);
  EXPECT_EQ(m["query"].string_value(), "kettle");
}

}  // namespace
}  // namespace telegate::rights_internal
