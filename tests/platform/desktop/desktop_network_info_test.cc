#include "telegate/desktop/desktop_network_info.h"

#include <filesystem>

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

constexpr char kMac[] = "52:54:00:12:34:56";

// A fake /sys/class/net interface.
void Interface(const TestDir& root, const std::string& name, int type,
               const std::string& state, bool wireless = false) {
  std::string dir = root.Sub("sys/class/net/" + name);
  std::filesystem::create_directories(dir);
  WriteFileOrDie(dir + "/type", std::to_string(type) + "\n");
  WriteFileOrDie(dir + "/operstate", state + "\n");
  WriteFileOrDie(dir + "/address", std::string(kMac) + "\n");
  WriteFileOrDie(dir + "/uevent", "INTERFACE=" + name + "\n");
  if (wireless) std::filesystem::create_directories(dir + "/wireless");
}

TEST(DesktopNetworkInfoTest, WifiWinsOverEthernetAndLoopbackIsIgnored) {
  TestDir root;
  Interface(root, "lo", 772, "unknown");
  Interface(root, "eth0", 1, "up");
  Interface(root, "wlan0", 1, "up", /*wireless=*/true);
  Interface(root, "eth1", 1, "down");
  DesktopNetworkInfo network(nullptr, root.path());
  absl::StatusOr<CarrierInfo> info = network.Carrier();
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->network_type, "wifi");
  EXPECT_EQ(info->interface_count, 2);
  EXPECT_EQ(info->operator_name, "");
  EXPECT_THAT(info->warnings, IsEmpty());
}

TEST(DesktopNetworkInfoTest, NeverReportsAHardwareAddress) {
  TestDir root;
  Interface(root, "eth0", 1, "up");
  DesktopNetworkInfo network(nullptr, root.path());
  absl::StatusOr<CarrierInfo> info = network.Carrier();
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->network_type, "ethernet");
  for (const std::string& s :
       {info->network_type, info->operator_name}) {
    EXPECT_THAT(s, ::testing::Not(HasSubstr("52:54")));
  }
}

TEST(DesktopNetworkInfoTest, NothingUpIsNone) {
  TestDir root;
  Interface(root, "lo", 772, "unknown");
  Interface(root, "wwan0", 65534, "down");
  DesktopNetworkInfo network(nullptr, root.path());
  EXPECT_EQ(network.Carrier()->network_type, "none");
  EXPECT_EQ(network.Carrier()->interface_count, 0);
}

TEST(DesktopNetworkInfoTest, OddTreesGiveWarningsNotErrors) {
  TestDir root;  // no /sys/class/net at all
  DesktopNetworkInfo network(nullptr, root.path());
  absl::StatusOr<CarrierInfo> info = network.Carrier();
  ASSERT_TRUE(info.ok());
  EXPECT_THAT(info->warnings, ElementsAre(HasSubstr("cannot list")));

  std::filesystem::create_directories(root.Sub("sys/class/net/weird0"));
  info = network.Carrier();
  ASSERT_TRUE(info.ok());
  EXPECT_THAT(info->warnings, ElementsAre(HasSubstr("weird0 has no type")));
  EXPECT_EQ(info->network_type, "none");
}

TEST(DesktopNetworkInfoTest, TheOperatorComesFromTheDeviceScript) {
  TestDir root;
  Interface(root, "wwan0", 65534, "up");
  WriteFileOrDie(root.Sub("device.txt"),
                 "carrier name=\"China Mobile\" mcc=460 mnc=x\n");
  DeviceScript script(root.Sub("device.txt"));
  DesktopNetworkInfo network(&script, root.path());
  absl::StatusOr<CarrierInfo> info = network.Carrier();
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->network_type, "cellular");
  EXPECT_EQ(info->operator_name, "China Mobile");
  EXPECT_EQ(info->mcc, 460);
  EXPECT_FALSE(info->mnc.has_value());
  EXPECT_THAT(info->warnings, ElementsAre(HasSubstr("mnc is not an integer")));
}

TEST(DesktopNetworkInfoTest, ReadsThisMachine) {
  DesktopNetworkInfo network;
  absl::StatusOr<CarrierInfo> info = network.Carrier();
  ASSERT_TRUE(info.ok());
  EXPECT_FALSE(info->network_type.empty());
  EXPECT_TRUE(info->interface_count.has_value());
}

}  // namespace
}  // namespace telegate::desktop
