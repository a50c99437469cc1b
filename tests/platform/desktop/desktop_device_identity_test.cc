#include "telegate/desktop/desktop_device_identity.h"

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

constexpr char kId[] = "0123456789abcdef0123456789abcdef";

TEST(DesktopDeviceIdentityTest, ReadsTheMachineId) {
  TestDir root;
  std::filesystem::create_directories(root.Sub("etc"));
  WriteFileOrDie(root.Sub("etc/machine-id"), std::string(kId) + "\n");
  absl::StatusOr<DeviceIds> ids = DesktopDeviceIdentity(root.path()).Read();
  ASSERT_TRUE(ids.ok());
  EXPECT_EQ(ids->device_id, kId);
  EXPECT_EQ(ids->advertising_id, "");
  EXPECT_THAT(ids->warnings, IsEmpty());
}

TEST(DesktopDeviceIdentityTest, FallsBackToDbusAndWarnsAboutJunk) {
  TestDir root;
  std::filesystem::create_directories(root.Sub("etc"));
  std::filesystem::create_directories(root.Sub("var/lib/dbus"));
  WriteFileOrDie(root.Sub("etc/machine-id"), "uninitialized\n");
  WriteFileOrDie(root.Sub("var/lib/dbus/machine-id"), std::string(kId));
  absl::StatusOr<DeviceIds> ids = DesktopDeviceIdentity(root.path()).Read();
  ASSERT_TRUE(ids.ok());
  EXPECT_EQ(ids->device_id, kId);
  EXPECT_THAT(ids->warnings, ElementsAre(HasSubstr("is not a machine id")));
}

TEST(DesktopDeviceIdentityTest, NoMachineIdIsAWarningNotAnError) {
  TestDir root;
  absl::StatusOr<DeviceIds> ids = DesktopDeviceIdentity(root.path()).Read();
  ASSERT_TRUE(ids.ok());
  EXPECT_EQ(ids->device_id, "");
  EXPECT_THAT(ids->warnings, ElementsAre("no machine id found"));
}

}  // namespace
}  // namespace telegate::desktop
