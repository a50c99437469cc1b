#include "telegate/desktop/desktop_device_facts.h"

#include <filesystem>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "support/test_dir.h"

namespace telegate::desktop {
namespace {

using ::telegate::testing::TestDir;
using ::telegate::testing::WriteFileOrDie;

TEST(DesktopDeviceFactsTest, ParsesOsReleaseQuotingAndSkipsJunk) {
  auto os = DesktopDeviceFacts::ParseOsRelease(
      "NAME=\"Debian GNU/Linux\"\nVERSION_ID='12'\n# c\nbogus line\n"
      "=novalue\nlower=x\nID=debian\n");
  EXPECT_EQ(os["NAME"], "Debian GNU/Linux");
  EXPECT_EQ(os["VERSION_ID"], "12");
  EXPECT_EQ(os["ID"], "debian");
  EXPECT_EQ(os.count("lower"), 0u);
}

TEST(DesktopDeviceFactsTest, CountsMalformedOsReleaseLines) {
  std::vector<std::string> warnings;
  auto os = DesktopDeviceFacts::ParseOsRelease(
      "NAME=Ok\nbogus line\nlower=x\n=novalue\n", &warnings);
  EXPECT_EQ(os["NAME"], "Ok");
  EXPECT_THAT(warnings, ::testing::ElementsAre(
                            ::testing::HasSubstr("line 2: not KEY=value"),
                            ::testing::HasSubstr("line 3: malformed key"),
                            ::testing::HasSubstr("line 4: not KEY=value")));
}

TEST(DesktopDeviceFactsTest, ReadsTheRealMachine) {
  DesktopDeviceFacts facts("1.2.3");
  absl::StatusOr<DeviceInfo> info = facts.Read();
  ASSERT_TRUE(info.ok());
  EXPECT_FALSE(info->kernel.empty());
  EXPECT_FALSE(info->os_name.empty());
  EXPECT_GT(info->cpu_count, 0);
  EXPECT_GT(info->memory_mb, 0);
  EXPECT_EQ(info->app_version, "1.2.3");
}

TEST(DesktopDeviceFactsTest, AMissingOsReleaseLeavesFieldsEmpty) {
  TestDir root;  // a tree with no /etc/os-release
  DesktopDeviceFacts facts("1", root.path());
  absl::StatusOr<DeviceInfo> info = facts.Read();
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->os_version, "");
  EXPECT_EQ(info->os_name, "Linux") << "uname still answers";
  EXPECT_THAT(info->warnings,
              ::testing::ElementsAre("cannot read /etc/os-release"));
}

TEST(DesktopDeviceFactsTest, ReadsAFakeRoot) {
  TestDir root;
  std::filesystem::create_directories(root.Sub("etc"));
  WriteFileOrDie(root.Sub("etc/os-release"),
                 "NAME=TestOS\nVERSION_ID=9.9\n\x01\x02 junk\n");
  DesktopDeviceFacts facts("1", root.path());
  absl::StatusOr<DeviceInfo> info = facts.Read();
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->os_name, "TestOS");
  EXPECT_EQ(info->os_version, "9.9");
  EXPECT_EQ(info->warnings.size(), 1u) << "the junk line";
}

}  // namespace
}  // namespace telegate::desktop
