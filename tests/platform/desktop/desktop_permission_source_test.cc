#include "telegate/desktop/desktop_permission_source.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "support/test_dir.h"

namespace telegate::desktop {
namespace {

using ::telegate::testing::TestDir;
using ::telegate::testing::WriteFileOrDie;
using ::testing::HasSubstr;

class CountingListener : public PermissionSource::Listener {
 public:
  void OnPermissionsChanged() override { ++calls; }
  int calls = 0;
};

TEST(DesktopPermissionSourceTest, EverythingStartsDenied) {
  DesktopPermissionSource source;
  EXPECT_FALSE(source.IsGranted("ACCESS_FINE_LOCATION"));
  EXPECT_EQ(source.platform(), Platform::kAndroid);
}

TEST(DesktopPermissionSourceTest, SetNotifiesTheListenerBeforeReturning) {
  DesktopPermissionSource source;
  CountingListener listener;
  source.SetListener(&listener);
  ASSERT_TRUE(source.Set("ACCESS_FINE_LOCATION", true).ok());
  EXPECT_EQ(listener.calls, 1);
  EXPECT_TRUE(source.IsGranted("ACCESS_FINE_LOCATION"));
  source.SetListener(nullptr);
  ASSERT_TRUE(source.Set("ACCESS_FINE_LOCATION", false).ok());
  EXPECT_EQ(listener.calls, 1);
}

TEST(DesktopPermissionSourceTest, StatePersistsAcrossInstances) {
  TestDir dir;
  {
    DesktopPermissionSource source(dir.Sub("os"));
    ASSERT_TRUE(source.Set("BLUETOOTH_SCAN", true).ok());
  }
  DesktopPermissionSource again(dir.Sub("os"));
  ASSERT_TRUE(again.Load().ok());
  EXPECT_TRUE(again.IsGranted("BLUETOOTH_SCAN"));
}

TEST(DesktopPermissionSourceTest, AMalformedStateFileNamesTheLine) {
  TestDir dir;
  WriteFileOrDie(dir.Sub("os"), "# comment\nA granted\nB maybe\n");
  DesktopPermissionSource source(dir.Sub("os"));
  absl::Status s = source.Load();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("line 3"));
  EXPECT_FALSE(source.IsGranted("A")) << "nothing loaded from a bad file";
}

TEST(DesktopPermissionSourceTest, RefusesMalformedNames) {
  DesktopPermissionSource source;
  EXPECT_EQ(source.Set("", true).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(source.Set("has space", true).code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace telegate::desktop
