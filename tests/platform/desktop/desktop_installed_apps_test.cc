#include "telegate/desktop/desktop_installed_apps.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "support/test_dir.h"
#include "util/files.h"

namespace telegate::desktop {
namespace {

using ::telegate::testing::TestDir;
using ::telegate::testing::WriteFileOrDie;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr char kStatus[] =
    "Package: adduser\n"
    "Status: install ok installed\n"
    "Version: 3.134\n"
    "Description: add and remove users\n"
    " a continuation line: Package: not-a-package\n"
    "\n"
    "Package: removed-but-configured\n"
    "Status: deinstall ok config-files\n"
    "\n"
    "Package: zsh\n"
    "Status: hold ok installed\n";

TEST(DesktopInstalledAppsTest, ListsInstalledPackagesOnly) {
  AppList list = DesktopInstalledApps::Parse(kStatus);
  EXPECT_THAT(list.packages, ElementsAre("adduser", "zsh"));
  EXPECT_THAT(list.warnings, IsEmpty());
}

TEST(DesktopInstalledAppsTest, MalformedEntriesAreSkippedWithWarnings) {
  AppList list = DesktopInstalledApps::Parse(
      "Status: install ok installed\n"  // no Package
      "\n"
      "Package: odd\n"
      "Status: installed\n"  // not three words
      "\n"
      "garbage line\n"
      "Package: good\n"
      "Status: install ok installed\n");
  EXPECT_THAT(list.packages, ElementsAre("good"));
  EXPECT_THAT(list.warnings,
              ElementsAre(HasSubstr("line 1 has no Package"),
                          HasSubstr("odd has a malformed Status"),
                          HasSubstr("line 6: not a field")));
}

TEST(DesktopInstalledAppsTest, AMissingDatabaseIsNotFound) {
  TestDir dir;
  DesktopInstalledApps apps(dir.Sub("status"));
  EXPECT_TRUE(absl::IsNotFound(apps.List().status()));
  WriteFileOrDie(dir.Sub("status"), kStatus);
  absl::StatusOr<AppList> list = apps.List();
  ASSERT_TRUE(list.ok());
  EXPECT_THAT(list->packages, ElementsAre("adduser", "zsh"));
}

TEST(DesktopInstalledAppsTest, ReadsThisMachinesDatabase) {
  if (!util_internal::PathExists(kDpkgStatusPath)) {
    GTEST_SKIP() << "not a dpkg system";
  }
  DesktopInstalledApps apps;
  absl::StatusOr<AppList> list = apps.List();
  ASSERT_TRUE(list.ok()) << list.status();
  EXPECT_FALSE(list->packages.empty());
  EXPECT_THAT(list->packages, ::testing::Contains("dpkg"));
}

}  // namespace
}  // namespace telegate::desktop
