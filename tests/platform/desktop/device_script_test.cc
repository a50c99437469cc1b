#include "telegate/desktop/device_script.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "support/test_dir.h"

namespace telegate::desktop {
namespace {

using ::telegate::testing::TestDir;
using ::telegate::testing::WriteFileOrDie;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

constexpr char kScript[] =
    "# what the radios see\n"
    "location lat=31.2304 lon=121.4737 accuracy=8 altitude=12 region=CN-SH\n"
    "wifi bssid=00:11:22:33:44:55 ssid=\"Cafe \\\"Wifi\\\"\" rssi=-61 freq=2412\n"
    "wifi bssid=66:77:88:99:aa:bb ssid=Office\n"
    "bluetooth address=AA:BB:CC:DD:EE:FF name=\"Head phones\" rssi=-70\n"
    "cell radio=lte mcc=460 mnc=0 area=4660 cid=12345 dbm=-95\n"
    "usage package=com.example.shop foreground_ms=120000 last_used_ms=17\n"
    "carrier name=\"China Mobile\" mcc=460 mnc=0\n";

TEST(DeviceScriptTest, ParsesEveryKind) {
  DeviceScriptContents c = DeviceScript::Parse(kScript);
  ASSERT_TRUE(c.location.has_value());
  EXPECT_DOUBLE_EQ(c.location->latitude, 31.2304);
  EXPECT_DOUBLE_EQ(c.location->longitude, 121.4737);
  EXPECT_EQ(c.location->accuracy_m, 8);
  EXPECT_EQ(c.location->altitude_m, 12);
  EXPECT_EQ(c.location->region, "CN-SH");
  ASSERT_THAT(c.wifi.access_points, SizeIs(2));
  EXPECT_EQ(c.wifi.access_points[0].ssid, "Cafe \"Wifi\"");
  EXPECT_EQ(c.wifi.access_points[0].bssid, "00:11:22:33:44:55");
  EXPECT_EQ(c.wifi.access_points[0].rssi_dbm, -61);
  EXPECT_EQ(c.wifi.access_points[0].frequency_mhz, 2412);
  EXPECT_FALSE(c.wifi.access_points[1].rssi_dbm.has_value());
  ASSERT_THAT(c.bluetooth.devices, SizeIs(1));
  EXPECT_EQ(c.bluetooth.devices[0].name, "Head phones");
  ASSERT_THAT(c.cells.stations, SizeIs(1));
  EXPECT_EQ(c.cells.stations[0].cell_id, 12345);
  EXPECT_EQ(c.cells.stations[0].signal_dbm, -95);
  ASSERT_THAT(c.usage.records, SizeIs(1));
  EXPECT_EQ(c.usage.records[0].foreground_ms, 120000);
  ASSERT_TRUE(c.carrier.has_value());
  EXPECT_EQ(c.carrier->operator_name, "China Mobile");
  EXPECT_EQ(c.carrier->mcc, 460);
  for (const auto* w : {&c.wifi.warnings, &c.bluetooth.warnings,
                        &c.cells.warnings, &c.usage.warnings,
                        &c.general_warnings, &c.carrier_warnings}) {
    EXPECT_THAT(*w, IsEmpty());
  }
}

TEST(DeviceScriptTest, MalformedInputKeepsTheValidFieldsAndWarns) {
  DeviceScriptContents c = DeviceScript::Parse(
      "location lat=91 lon=0\n"                      // out of range
      "location lat=1.5 lon=2.5 accuracy=far\n"      // partial
      "wifi bssid=00:11:22:33:44:55 rssi=loud freq=2412 colour=red\n"
      "wifi justaword\n"
      "cell radio=\"lte mcc=1\n"                     // unterminated quote
      "usage foreground_ms=5\n"                      // no package
      "teleport to=mars\n");
  ASSERT_TRUE(c.location.has_value());
  EXPECT_DOUBLE_EQ(c.location->latitude, 1.5);
  EXPECT_FALSE(c.location->accuracy_m.has_value());
  EXPECT_THAT(c.location->warnings,
              ElementsAre(HasSubstr("line 1: location needs lat"),
                          HasSubstr("line 2: accuracy is not a number")));
  ASSERT_THAT(c.wifi.access_points, SizeIs(2));
  EXPECT_EQ(c.wifi.access_points[0].frequency_mhz, 2412);
  EXPECT_FALSE(c.wifi.access_points[0].rssi_dbm.has_value());
  EXPECT_THAT(c.wifi.warnings,
              ElementsAre(HasSubstr("unknown field colour"),
                          HasSubstr("rssi is not an integer"),
                          HasSubstr("line 4: \"justaword\" is not key=value")));
  EXPECT_THAT(c.cells.stations, IsEmpty());
  EXPECT_THAT(c.usage.records, IsEmpty());
  EXPECT_THAT(c.usage.warnings, ElementsAre(HasSubstr("usage needs package")));
  EXPECT_THAT(c.general_warnings,
              ElementsAre(HasSubstr("line 5: unterminated quote"),
                          HasSubstr("line 7: unknown kind \"teleport\"")));
}

TEST(DeviceScriptTest, ReadersReReadTheFileAndShareGeneralWarnings) {
  TestDir dir;
  DeviceScript script(dir.Sub("device.txt"));
  EXPECT_TRUE(absl::IsNotFound(script.CurrentFix(LocationAccuracy::kPrecise)
                                   .status()));
  EXPECT_TRUE(absl::IsNotFound(script.ScanWifi().status()));

  WriteFileOrDie(dir.Sub("device.txt"), "wifi bssid=00:11:22:33:44:55\nbogus\n");
  absl::StatusOr<WifiScan> wifi = script.ScanWifi();
  ASSERT_TRUE(wifi.ok());
  EXPECT_THAT(wifi->access_points, SizeIs(1));
  EXPECT_THAT(wifi->warnings, ElementsAre(HasSubstr("unknown kind")));
  absl::StatusOr<LocationFix> fix = script.CurrentFix(LocationAccuracy::kCoarse);
  EXPECT_TRUE(absl::IsNotFound(fix.status()));
  EXPECT_TRUE(absl::IsNotFound(script.ReadCarrier().status()));

  WriteFileOrDie(dir.Sub("device.txt"), "location lat=1 lon=2\n");
  fix = script.CurrentFix(LocationAccuracy::kCoarse);
  ASSERT_TRUE(fix.ok()) << fix.status();
  EXPECT_EQ(fix->latitude, 1);
  absl::StatusOr<BaseStationScan> cells = script.Scan();
  ASSERT_TRUE(cells.ok());
  EXPECT_THAT(cells->stations, IsEmpty());
}

TEST(DeviceScriptTest, BinaryGarbageNeverCrashes) {
  std::string garbage;
  for (int i = 0; i < 4096; ++i) garbage.push_back(static_cast<char>(i * 37));
  DeviceScriptContents c = DeviceScript::Parse(garbage);
  EXPECT_FALSE(c.general_warnings.empty());
}

}  // namespace
}  // namespace telegate::desktop
