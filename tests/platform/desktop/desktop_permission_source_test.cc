#include "telegate/desktop/desktop_permission_source.h"

#include <sys/stat.h>
#include <unistd.h>

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

// The state file is written beside a temporary file; one planted as a link
// used to be written through (std::ofstream follows links and takes the
// umask's mode).
TEST(DesktopPermissionSourceTest, SavingNeverWritesThroughAPlantedLink) {
  TestDir dir;
  const std::string victim = dir.Sub("victim");
  WriteFileOrDie(victim, "someone else's bytes");
  ASSERT_EQ(::symlink(victim.c_str(), dir.Sub("os.tmp").c_str()), 0);
  const mode_t old_umask = ::umask(0);
  DesktopPermissionSource source(dir.Sub("os"));
  absl::Status saved = source.Set("BLUETOOTH_SCAN", true);
  ::umask(old_umask);
  ASSERT_TRUE(saved.ok()) << saved;
  EXPECT_EQ(testing::ReadFileOrEmpty(victim), "someone else's bytes");
  struct stat st;
  ASSERT_EQ(::lstat(dir.Sub("os").c_str(), &st), 0);
  EXPECT_TRUE(S_ISREG(st.st_mode));
  EXPECT_EQ(st.st_mode & 07777, 0600u);
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
