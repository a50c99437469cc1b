// Guarantee 2: a category is open only while the user's consent is on AND
// every OS permission it needs is granted.
#include <atomic>
#include <chrono>
#include <thread>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "support/client_fixture.h"
#include "support/test_dir.h"
#include "util/files.h"

namespace telegate {
namespace {

using ::telegate::testing::OpenOrDie;
using ::telegate::testing::TestDir;
using ::telegate::testing::TestEnv;
using ::testing::ElementsAre;

const CategoryStatus* Find(const std::vector<CategoryStatus>& all,
                           const std::string& name) {
  for (const CategoryStatus& s : all) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

absl::Status TrackFix(Client* client) {
  return client->Track("location.precise", "fix",
                       {{"latitude", 31.2}, {"longitude", 121.4}});
}

class DoubleGateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    client_ = OpenOrDie(env_.Options(dir_.path()));
    ASSERT_NE(client_, nullptr);
  }
  CategoryStatus Status(const std::string& name) {
    auto all = client_->GetCategoryStatus();
    const CategoryStatus* s = Find(all, name);
    return s ? *s : CategoryStatus();
  }

  TestDir dir_;
  TestEnv env_;
  std::unique_ptr<Client> client_;
};

TEST_F(DoubleGateTest, ConsentWithoutTheOsPermissionStaysClosed) {
  ASSERT_TRUE(client_->SetConsent("location.precise", true).ok());
  EXPECT_EQ(TrackFix(client_.get()).code(),
            absl::StatusCode::kPermissionDenied);
  CategoryStatus s = Status("location.precise");
  EXPECT_FALSE(s.open);
  EXPECT_THAT(s.reasons, ElementsAre(ClosedReason::kPermissionMissing));
  EXPECT_THAT(s.missing_permissions, ElementsAre("ACCESS_FINE_LOCATION"));
}

TEST_F(DoubleGateTest, TheOsPermissionWithoutConsentStaysClosed) {
  env_.permissions.Set("ACCESS_FINE_LOCATION", true);
  EXPECT_EQ(TrackFix(client_.get()).code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_THAT(Status("location.precise").reasons,
              ElementsAre(ClosedReason::kConsentOff));
}

TEST_F(DoubleGateTest, BothTogetherOpenTheCategory) {
  env_.permissions.Set("ACCESS_FINE_LOCATION", true);
  ASSERT_TRUE(client_->SetConsent("location.precise", true).ok());
  EXPECT_TRUE(Status("location.precise").open);
  EXPECT_TRUE(TrackFix(client_.get()).ok());
  ASSERT_TRUE(client_->Flush(absl::Seconds(10)).ok());
  EXPECT_EQ(Status("location.precise").buffered_events, 1);
}

TEST_F(DoubleGateTest, AnyGrantedAlternativeSatisfiesAClause) {
  env_.permissions.Set("ACCESS_FINE_LOCATION", true);  // coarse accepts fine
  ASSERT_TRUE(client_->SetConsent("location.coarse", true).ok());
  EXPECT_TRUE(Status("location.coarse").open);
}

TEST_F(DoubleGateTest, ClosedCategoriesDoNotTouchTheOsMoreThanTheyMust) {
  // The gate is consulted by Track without asking the OS: permission checks
  // happen at open and on changes only.
  int before = env_.permissions.checks("ACCESS_FINE_LOCATION");
  for (int i = 0; i < 100; ++i) TrackFix(client_.get()).IgnoreError();
  EXPECT_EQ(env_.permissions.checks("ACCESS_FINE_LOCATION"), before);
}

TEST_F(DoubleGateTest,
       LosingTheOsPermissionPurgesBeforeTheNotificationReturns) {
  env_.permissions.Set("ACCESS_FINE_LOCATION", true);
  ASSERT_TRUE(client_->SetConsent("location.precise", true).ok());
  for (int i = 0; i < 50; ++i) ASSERT_TRUE(TrackFix(client_.get()).ok());
  ASSERT_TRUE(client_->Flush(absl::Seconds(10)).ok());
  const std::string file = dir_.Sub("events/location.precise.db");
  ASSERT_TRUE(util_internal::PathExists(file));
  ASSERT_TRUE(env_.keys.Has("telegate.category.location.precise"));

  env_.permissions.Set("ACCESS_FINE_LOCATION", false);  // listener = barrier

  EXPECT_FALSE(util_internal::PathExists(file));
  EXPECT_FALSE(util_internal::PathExists(file + "-wal"));
  EXPECT_FALSE(env_.keys.Has("telegate.category.location.precise"));
  EXPECT_EQ(Status("location.precise").buffered_events, 0);
  EXPECT_EQ(TrackFix(client_.get()).code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(client_->GetDropCounts().revoked, 50);
}

TEST_F(DoubleGateTest, APermissionLostWhileNotRunningIsPurgedAtOpen) {
  env_.permissions.Set("ACCESS_FINE_LOCATION", true);
  ASSERT_TRUE(client_->SetConsent("location.precise", true).ok());
  ASSERT_TRUE(TrackFix(client_.get()).ok());
  ASSERT_TRUE(client_->Close(absl::Seconds(10)).ok());
  client_.reset();
  const std::string file = dir_.Sub("events/location.precise.db");
  ASSERT_TRUE(util_internal::PathExists(file));

  env_.permissions.SetQuietly("ACCESS_FINE_LOCATION",
                              false);  // app not running
  client_ = OpenOrDie(env_.Options(dir_.path()));
  ASSERT_NE(client_, nullptr);

  EXPECT_FALSE(util_internal::PathExists(file))
      << "purged before Open returned";
  EXPECT_FALSE(env_.keys.Has("telegate.category.location.precise"));
  CategoryStatus s = Status("location.precise");
  EXPECT_FALSE(s.open);
  EXPECT_THAT(s.reasons, ElementsAre(ClosedReason::kPermissionMissing));
}

// The OS revokes a permission while Open runs, just after start-up has read
// it as granted: the listener must already be registered, so the revoke is
// applied (before the notification returns) instead of being lost.
TEST_F(DoubleGateTest, APermissionRevokedWhileOpenRunsIsApplied) {
  env_.permissions.Set("ACCESS_FINE_LOCATION", true);
  ASSERT_TRUE(client_->SetConsent("location.precise", true).ok());
  ASSERT_TRUE(TrackFix(client_.get()).ok());
  ASSERT_TRUE(client_->Close(absl::Seconds(10)).ok());
  client_.reset();

  std::atomic<bool> fired{false};
  std::atomic<bool> returned{false};
  std::thread os;
  env_.permissions.SetAfterCheck([&](const std::string& permission) {
    if (permission != "ACCESS_FINE_LOCATION" || fired.exchange(true)) return;
    // Start-up has just read "granted". The OS revokes from its own thread;
    // start-up goes on once the notification reached a listener or found
    // none (as the old code's did).
    const int before = env_.permissions.notifications();
    os = std::thread([&] {
      env_.permissions.Set("ACCESS_FINE_LOCATION", false);
      returned = true;
    });
    while (!returned && env_.permissions.notifications() == before) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  });
  client_ = OpenOrDie(env_.Options(dir_.path()));
  ASSERT_NE(client_, nullptr);
  ASSERT_TRUE(fired);
  os.join();  // the notification is a barrier: applied when it returns
  env_.permissions.SetAfterCheck(nullptr);

  CategoryStatus s = Status("location.precise");
  EXPECT_FALSE(s.open);
  EXPECT_THAT(s.reasons, ElementsAre(ClosedReason::kPermissionMissing));
  EXPECT_EQ(TrackFix(client_.get()).code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_FALSE(
      util_internal::PathExists(dir_.Sub("events/location.precise.db")));
  EXPECT_FALSE(env_.keys.Has("telegate.category.location.precise"));
}

TEST_F(DoubleGateTest, ConsentSurvivesARestart) {
  ASSERT_TRUE(client_->SetConsent("log.search", true).ok());
  ASSERT_TRUE(client_->Track("log.search", "search", {{"query", "q"}}).ok());
  ASSERT_TRUE(client_->Close(absl::Seconds(10)).ok());
  client_ = OpenOrDie(env_.Options(dir_.path()));
  ASSERT_NE(client_, nullptr);
  EXPECT_TRUE(Status("log.search").open);
  EXPECT_EQ(Status("log.search").buffered_events, 1);
}

TEST(DoubleGateIosTest, ACategoryTheOsCannotProvideNeverOpens) {
  TestDir dir;
  TestEnv env;
  testing::FakePermissionSource ios(Platform::kIos, 17);
  env.env.permissions = &ios;
  auto client = OpenOrDie(env.Options(dir.path()));
  ASSERT_NE(client, nullptr);
  ASSERT_TRUE(client->SetConsent("device.app_list", true).ok());
  auto all = client->GetCategoryStatus();
  const CategoryStatus* s = Find(all, "device.app_list");
  ASSERT_NE(s, nullptr);
  EXPECT_FALSE(s->open);
  EXPECT_THAT(s->reasons, ElementsAre(ClosedReason::kUnavailable));
}

TEST(DoubleGateOsLevelTest, ClausesFollowTheOsLevel) {
  for (int level : {30, 34}) {
    TestDir dir;
    TestEnv env;
    testing::FakePermissionSource android(Platform::kAndroid, level);
    env.env.permissions = &android;
    android.SetQuietly("ACCESS_FINE_LOCATION", true);
    android.SetQuietly("ACCESS_WIFI_STATE", true);
    auto client = OpenOrDie(env.Options(dir.path()));
    ASSERT_NE(client, nullptr);
    ASSERT_TRUE(client->SetConsent("location.wifi", true).ok());
    auto all = client->GetCategoryStatus();
    // NEARBY_WIFI_DEVICES is needed from API level 33 on.
    EXPECT_EQ(Find(all, "location.wifi")->open, level < 33) << level;
  }
}

}  // namespace
}  // namespace telegate
