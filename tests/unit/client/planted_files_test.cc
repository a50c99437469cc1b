// Trust nothing planted (SPEC guarantee 12): files that someone else put in
// the data directory — symbolic links, key files of another owner or
// readable by others, files of a category that could share a key — are
// never followed, adopted or allowed to destroy what they point at.
#include <sys/stat.h>
#include <unistd.h>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "store/store.h"
#include "support/client_fixture.h"
#include "support/stored_events.h"
#include "support/test_dir.h"
#include "telegate/desktop/file_key_store.h"
#include "util/files.h"

namespace telegate {
namespace {

using ::telegate::testing::OpenOrDie;
using ::telegate::testing::ReadFileOrEmpty;
using ::telegate::testing::ReadStoredEvents;
using ::telegate::testing::StringValues;
using ::telegate::testing::TestDir;
using ::telegate::testing::TestEnv;
using ::telegate::testing::WriteFileOrDie;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

bool IsSymlink(const std::string& path) {
  struct stat st;
  return ::lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode);
}

bool HasIncident(Client* client, StoreProblem problem) {
  for (const StoreIncident& i : client->GetStoreHealth().incidents) {
    if (i.problem == problem) return true;
  }
  return false;
}

absl::Status TrackAccess(Client* client, const std::string& ip) {
  return client->Track("log.access", "access",
                       {{"ip", ip}, {"browser", "firefox"}});
}

class PlantedFilesTest : public ::testing::Test {
 protected:
  TestDir dir_;
  TestDir outside_;  // where planted links point
  TestEnv env_;
};

// A symlink planted as anonymize.pending made the next start truncate the
// file it points to (WriteFileDurably with O_TRUNC, no O_NOFOLLOW) and
// anonymize data nobody asked to anonymize.
TEST_F(PlantedFilesTest, AMarkerPlantedAsASymlinkIsRemovedNotFollowed) {
  {
    auto client = OpenOrDie(env_.Options(dir_.path()));
    ASSERT_NE(client, nullptr);
    ASSERT_TRUE(client->SetConsent("log.access", true).ok());
    ASSERT_TRUE(TrackAccess(client.get(), "192.168.7.42").ok());
    ASSERT_TRUE(client->Close(absl::Seconds(10)).ok());
  }
  const std::string victim = outside_.Sub("precious.txt");
  WriteFileOrDie(victim, "the host's own file");
  ASSERT_EQ(::symlink(victim.c_str(), dir_.Sub("anonymize.pending").c_str()),
            0);

  auto client = OpenOrDie(env_.Options(dir_.path()));
  ASSERT_NE(client, nullptr);
  EXPECT_EQ(ReadFileOrEmpty(victim), "the host's own file");
  EXPECT_FALSE(util_internal::PathExists(dir_.Sub("anonymize.pending")));
  EXPECT_FALSE(IsSymlink(dir_.Sub("anonymize.pending")));
  EXPECT_TRUE(HasIncident(client.get(), StoreProblem::kPlanted));
  ASSERT_TRUE(client->Close(absl::Seconds(10)).ok());
  auto events = ReadStoredEvents(dir_.path(), &env_.keys, "log.access");
  ASSERT_TRUE(events.ok()) << events.status();
  EXPECT_THAT(StringValues(*events, "ip"), ElementsAre("192.168.7.42"));
}

// A consent database path planted as a symlink: recovery used to overwrite
// the file it points to with zeros before removing it.
TEST_F(PlantedFilesTest, ADatabasePlantedAsASymlinkNeverHarmsItsTarget) {
  const std::string victim = outside_.Sub("photos.db");
  WriteFileOrDie(victim, std::string(8192, 'p'));
  ASSERT_EQ(::symlink(victim.c_str(), dir_.Sub("telegate.db").c_str()), 0);
  ASSERT_EQ(::mkdir(dir_.Sub("events").c_str(), 0700), 0);
  ASSERT_EQ(::symlink(victim.c_str(), dir_.Sub("events/order.db-wal").c_str()),
            0);

  auto client = OpenOrDie(env_.Options(dir_.path()));
  ASSERT_NE(client, nullptr);
  EXPECT_EQ(ReadFileOrEmpty(victim), std::string(8192, 'p'));
  EXPECT_FALSE(IsSymlink(dir_.Sub("telegate.db")));
  EXPECT_FALSE(IsSymlink(dir_.Sub("events/order.db-wal")));
  EXPECT_TRUE(HasIncident(client.get(), StoreProblem::kPlanted));
  // Nothing is written before the first consent: the link is gone and no
  // database took its place.
  EXPECT_FALSE(util_internal::PathExists(dir_.Sub("telegate.db")));

  ASSERT_TRUE(client->SetConsent("order", true).ok());
  ASSERT_TRUE(client->Close(absl::Seconds(10)).ok());
  EXPECT_EQ(ReadFileOrEmpty(victim), std::string(8192, 'p'));
}

// A start-up purge of a category the catalog does not declare must never
// destroy a key another category uses: "log.search.alt" is the name of
// log.search's second key slot, which holds log.search's live key after a
// rotation.
TEST_F(PlantedFilesTest,
       AStrayFileCannotMakeTheStoreDestroyAnotherCategorysKey) {
  {
    auto client = OpenOrDie(env_.Options(dir_.path()));
    ASSERT_NE(client, nullptr);
    ASSERT_TRUE(client->SetConsent("log.search", true).ok());
    ASSERT_TRUE(
        client->Track("log.search", "search", {{"query", "kept"}}).ok());
    ASSERT_TRUE(client->Flush(absl::Seconds(10)).ok());
    ASSERT_TRUE(client->RotateKeys().ok());  // live key now in the .alt slot
    ASSERT_TRUE(client->Close(absl::Seconds(10)).ok());
  }
  ASSERT_TRUE(env_.keys.Has("telegate.category.log.search.alt"));
  WriteFileOrDie(dir_.Sub("events/log.search.alt.db"), "stray");

  auto client = OpenOrDie(env_.Options(dir_.path()));
  ASSERT_NE(client, nullptr);
  ASSERT_TRUE(client->Close(absl::Seconds(10)).ok());
  EXPECT_FALSE(util_internal::PathExists(dir_.Sub("events/log.search.alt.db")));
  auto events = ReadStoredEvents(dir_.path(), &env_.keys, "log.search");
  ASSERT_TRUE(events.ok()) << events.status();
  EXPECT_THAT(StringValues(*events, "query"), ElementsAre("kept"));
}

class PlantedKeyFileTest : public PlantedFilesTest {
 protected:
  PlantedKeyFileTest() : file_keys_(dir_.Sub("keys")) {
    env_.env.key_store = &file_keys_;
  }
  // Plants keys/telegate.db.key: 32 known bytes, `mode`, owned by `uid`.
  void Plant(mode_t mode, uid_t uid) {
    ASSERT_EQ(::mkdir(dir_.Sub("keys").c_str(), 0700), 0);
    planted_ = std::string(32, '\x5a');
    WriteFileOrDie(key_path(), planted_);
    ASSERT_EQ(::chmod(key_path().c_str(), mode), 0);
    if (uid != ::geteuid()) {
      ASSERT_EQ(::chown(key_path().c_str(), uid, -1), 0);
    }
  }
  std::string key_path() const { return dir_.Sub("keys/telegate.db.key"); }
  void ExpectRefusedAndReplaced() {
    auto client = OpenOrDie(env_.Options(dir_.path()));
    ASSERT_NE(client, nullptr);
    // Destroyed and reported; nothing written under it before a consent.
    EXPECT_FALSE(util_internal::PathExists(key_path()));
    EXPECT_FALSE(util_internal::PathExists(dir_.Sub("telegate.db")));
    EXPECT_TRUE(HasIncident(client.get(), StoreProblem::kPlanted));
    ASSERT_TRUE(client->SetConsent("log.search", true).ok());
    EXPECT_NE(ReadFileOrEmpty(key_path()), planted_);  // a fresh key
    struct stat st;
    ASSERT_EQ(::stat(key_path().c_str(), &st), 0);
    EXPECT_EQ(st.st_uid, ::geteuid());
    EXPECT_EQ(st.st_mode & 07777, 0600u);
    ASSERT_TRUE(client->Close(absl::Seconds(10)).ok());
  }

  desktop::FileKeyStore file_keys_;
  std::string planted_;
};

TEST_F(PlantedKeyFileTest, AKeyFileOfAnotherOwnerIsNeverAdopted) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to give a file away";
  Plant(0600, 4242);
  ExpectRefusedAndReplaced();
}

TEST_F(PlantedKeyFileTest, AKeyFileOthersCanReadIsNeverAdopted) {
  Plant(0644, ::geteuid());
  ExpectRefusedAndReplaced();
}

// A key with no database beside it at start-up is not an install to finish:
// nothing was consented under it.
TEST_F(PlantedKeyFileTest, AKeyWithoutADatabaseCreatesNothingBeforeAConsent) {
  Plant(0600, ::geteuid());
  auto client = OpenOrDie(env_.Options(dir_.path()));
  ASSERT_NE(client, nullptr);
  EXPECT_FALSE(util_internal::PathExists(dir_.Sub("telegate.db")));
  EXPECT_FALSE(util_internal::PathExists(key_path()));
  ASSERT_TRUE(client->SetConsent("log.search", true).ok());
  EXPECT_NE(ReadFileOrEmpty(key_path()), planted_);
  ASSERT_TRUE(client->Close(absl::Seconds(10)).ok());
}

}  // namespace
}  // namespace telegate
