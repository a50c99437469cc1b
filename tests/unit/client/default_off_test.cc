// Guarantee 1: a fresh install collects nothing, writes nothing and creates
// no key or identifier until a category is switched on.
#include "catalog/catalog.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "support/client_fixture.h"
#include "support/test_dir.h"

namespace telegate {
namespace {

using ::telegate::testing::OpenOrDie;
using ::telegate::testing::TestDir;
using ::telegate::testing::TestEnv;
using ::testing::Contains;
using ::testing::IsEmpty;

// Tracks every declared event of every category of the default catalog.
void TrackEverything(Client* client, int* ok, int* denied) {
  auto catalog = *catalog_internal::Catalog::Default();
  for (int id = 0; id < catalog->size(); ++id) {
    for (const proto::EventSpec& e : catalog->category(id).events()) {
      absl::Status s = client->Track(catalog->name(id), e.name());
      if (s.ok()) ++*ok;
      if (s.code() == absl::StatusCode::kPermissionDenied) ++*denied;
    }
  }
}

TEST(DefaultOffTest, FreshInstallRefusesEveryCategoryAndWritesNothing) {
  TestDir dir;
  TestEnv env;
  auto client = OpenOrDie(env.Options(dir.path()));
  ASSERT_NE(client, nullptr);
  int ok = 0, denied = 0;
  TrackEverything(client.get(), &ok, &denied);
  EXPECT_EQ(ok, 0);
  EXPECT_EQ(denied, 13);
  for (const CategoryStatus& s : client->GetCategoryStatus()) {
    EXPECT_FALSE(s.open) << s.name;
    EXPECT_THAT(s.reasons, Contains(ClosedReason::kConsentOff)) << s.name;
    EXPECT_EQ(s.buffered_events, 0);
  }
  ASSERT_TRUE(client->Flush(absl::Seconds(10)).ok());
  ASSERT_TRUE(client->Close(absl::Seconds(10)).ok());
  EXPECT_THAT(dir.Files(), IsEmpty()) << "nothing may be written";
  EXPECT_EQ(env.keys.size(), 0u) << "no key may be created";
  EXPECT_EQ(env.keys.creates(), 0);
  EXPECT_EQ(client->GetDropCounts().closed, 13);
}

TEST(DefaultOffTest, EveryOsPermissionGrantedStillOpensNothingWithoutConsent) {
  TestDir dir;
  TestEnv env;
  auto catalog = *catalog_internal::Catalog::Default();
  for (const std::string& p : catalog->AllPermissions(Platform::kAndroid)) {
    env.permissions.SetQuietly(p, true);
  }
  auto client = OpenOrDie(env.Options(dir.path()));
  ASSERT_NE(client, nullptr);
  int ok = 0, denied = 0;
  TrackEverything(client.get(), &ok, &denied);
  EXPECT_EQ(ok, 0);
  for (const CategoryStatus& s : client->GetCategoryStatus()) {
    EXPECT_FALSE(s.open) << s.name;
    EXPECT_THAT(s.reasons, ::testing::ElementsAre(ClosedReason::kConsentOff))
        << s.name;
  }
  ASSERT_TRUE(client->Close(absl::Seconds(10)).ok());
  EXPECT_THAT(dir.Files(), IsEmpty());
}

TEST(DefaultOffTest, SwitchingConsentOffOnAFreshInstallStillWritesNothing) {
  TestDir dir;
  TestEnv env;
  auto client = OpenOrDie(env.Options(dir.path()));
  ASSERT_NE(client, nullptr);
  EXPECT_TRUE(client->SetConsent("log.search", false).ok());
  ASSERT_TRUE(client->Close(absl::Seconds(10)).ok());
  EXPECT_THAT(dir.Files(), IsEmpty());
}

TEST(DefaultOffTest, TheFirstConsentCreatesTheDatabaseAndItsKeyOnly) {
  TestDir dir;
  TestEnv env;
  auto client = OpenOrDie(env.Options(dir.path()));
  ASSERT_NE(client, nullptr);
  ASSERT_TRUE(client->SetConsent("log.search", true).ok());
  EXPECT_TRUE(env.keys.Has("telegate.db"));
  // The consent's token (a revoke destroys it first: see store.h), and no
  // data key before the category's first event.
  EXPECT_TRUE(env.keys.Has("telegate.consent.log.search"));
  EXPECT_EQ(env.keys.size(), 2u);
  EXPECT_THAT(dir.Files(), Contains(dir.Sub("telegate.db")));
}

}  // namespace
}  // namespace telegate
