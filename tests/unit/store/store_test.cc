// Store: keys in two slots, rotation that survives a crash at any step, and
// recovery from files that cannot be used.
#include "store/store.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "fakes/fake_key_store.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "store/sqlcipher_db.h"
#include "support/forensics.h"
#include "support/test_dir.h"
#include "util/files.h"

namespace telegate::store_internal {
namespace {

using ::telegate::testing::FakeKeyStore;
using ::telegate::testing::TestDir;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using util_internal::PathExists;

constexpr char kCategory[] = "order";
const std::string kKey = "telegate.category.order";
const std::string kAltKey = "telegate.category.order.alt";

std::string Bytes(FakeKeyStore* keys, const std::string& name) {
  absl::StatusOr<SecretBytes> key = keys->Get(name);
  if (!key.ok()) return "";
  return std::string(reinterpret_cast<const char*>(key->data()), key->size());
}

class StoreTest : public ::testing::Test {
 protected:
  std::unique_ptr<Store> NewStore() {
    return std::make_unique<Store>(dir_.path(), &keys_);
  }
  // Appends one event (any bytes) to the category's file.
  void AppendOne(Store* store, const std::string& payload = "payload") {
    absl::StatusOr<EventFile*> file = store->Events(kCategory, true);
    ASSERT_TRUE(file.ok()) << file.status();
    EventRow row;
    row.capture_ms = 1;
    row.payload = payload;
    ASSERT_TRUE((*file)->Append({row}).ok());
  }
  // Creates the consent database and one event in `order`, then closes.
  void Populate() {
    auto store = NewStore();
    ASSERT_TRUE(store->Create().ok());
    AppendOne(store.get());
    AppendOne(store.get());
  }
  int64_t Count(Store* store) {
    absl::StatusOr<EventFile*> file = store->Events(kCategory, false);
    EXPECT_TRUE(file.ok()) << file.status();
    return file.ok() && *file ? (*file)->count() : -1;
  }

  TestDir dir_;
  FakeKeyStore keys_;
  const std::string path_ = dir_.Sub("events/order.db");
};

TEST_F(StoreTest, AFreshInstallCreatesNothing) {
  auto store = NewStore();
  absl::StatusOr<bool> opened = store->OpenExisting();
  ASSERT_TRUE(opened.ok());
  EXPECT_FALSE(*opened);
  absl::StatusOr<EventFile*> file = store->Events(kCategory, false);
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(*file, nullptr);
  EXPECT_THAT(dir_.Files(), IsEmpty());
  EXPECT_EQ(keys_.size(), 0u);
}

TEST_F(StoreTest, RotateKeysKeepsEveryEventAndDestroysTheOldKeys) {
  Populate();
  const std::string db_key = Bytes(&keys_, "telegate.db");
  const std::string event_key = Bytes(&keys_, kKey);
  auto store = NewStore();
  ASSERT_TRUE(*store->OpenExisting());
  ASSERT_EQ(Count(store.get()), 2);
  ASSERT_TRUE(store->RotateKeys().ok());
  EXPECT_FALSE(keys_.Has("telegate.db"));
  EXPECT_FALSE(keys_.Has(kKey));
  EXPECT_TRUE(keys_.Has("telegate.db.alt"));
  EXPECT_TRUE(keys_.Has(kAltKey));
  AppendOne(store.get());
  EXPECT_EQ(Count(store.get()), 3);
  // The old key opens nothing any more.
  SecretBytes old(event_key.data(), event_key.size());
  EXPECT_EQ(EventFile::Open(path_, old, kCategory, false).status().code(),
            absl::StatusCode::kDataLoss);
  // A second rotation goes back to the first slot, with a new key.
  ASSERT_TRUE(store->RotateKeys().ok());
  EXPECT_TRUE(keys_.Has(kKey));
  EXPECT_FALSE(keys_.Has(kAltKey));
  EXPECT_NE(Bytes(&keys_, kKey), event_key);
  EXPECT_NE(Bytes(&keys_, "telegate.db"), db_key);
  store.reset();
  store = NewStore();
  ASSERT_TRUE(*store->OpenExisting());
  EXPECT_EQ(Count(store.get()), 3);
  EXPECT_THAT(store->TakeIncidents(), IsEmpty());
}

TEST_F(StoreTest, ACrashBeforeTheRekeyKeepsTheOldKeyAndDropsTheNewOne) {
  Populate();
  // Rotation step 1 done (a new key in the free slot), step 2 not.
  keys_.Put(kAltKey, std::string(32, 'n'));
  keys_.Put("telegate.db.alt", std::string(32, 'n'));
  auto store = NewStore();
  ASSERT_TRUE(*store->OpenExisting());
  EXPECT_EQ(Count(store.get()), 2);
  EXPECT_TRUE(keys_.Has(kKey));
  EXPECT_FALSE(keys_.Has(kAltKey)) << "an unused new key is destroyed";
  EXPECT_FALSE(keys_.Has("telegate.db.alt"));
  EXPECT_THAT(store->TakeIncidents(), IsEmpty());
}

TEST_F(StoreTest, ACrashAfterTheRekeyKeepsTheNewKeyAndDestroysTheOldOne) {
  Populate();
  // Rotation steps 1 and 2 done, step 3 (destroy the old key) not.
  ASSERT_TRUE(keys_.Create(kAltKey).ok());
  {
    absl::StatusOr<SecretBytes> old_key = keys_.Get(kKey);
    absl::StatusOr<SecretBytes> new_key = keys_.Get(kAltKey);
    absl::StatusOr<std::unique_ptr<EventFile>> file =
        EventFile::Open(path_, *old_key, kCategory, false);
    ASSERT_TRUE(file.ok());
    ASSERT_TRUE((*file)->Rekey(*new_key).ok());
  }
  auto store = NewStore();
  ASSERT_TRUE(*store->OpenExisting());
  EXPECT_EQ(Count(store.get()), 2);
  EXPECT_FALSE(keys_.Has(kKey)) << "the old key must not outlive the rotation";
  EXPECT_TRUE(keys_.Has(kAltKey));
  EXPECT_THAT(store->TakeIncidents(), IsEmpty());
}

TEST_F(StoreTest, AnEventFileWhoseKeyIsGoneIsReplacedAndReported) {
  Populate();
  ASSERT_TRUE(keys_.Destroy(kKey).ok());
  auto store = NewStore();
  ASSERT_TRUE(*store->OpenExisting());
  AppendOne(store.get());
  EXPECT_EQ(Count(store.get()), 1) << "a fresh file";
  std::vector<StoreIncident> incidents = store->TakeIncidents();
  ASSERT_THAT(incidents, SizeIs(1));
  EXPECT_EQ(incidents[0].problem, StoreProblem::kKeyMissing);
  EXPECT_EQ(incidents[0].file, "events/order.db");
  EXPECT_EQ(incidents[0].category, kCategory);
  EXPECT_EQ(incidents[0].events_lost, -1);
}

TEST_F(StoreTest, AnEventFileUnderAWrongKeyIsReplacedNeverReused) {
  Populate();
  keys_.Put(kKey, std::string(32, 'w'));  // e.g. a restored key store
  const std::string before = testing::ReadFileOrEmpty(path_);
  auto store = NewStore();
  ASSERT_TRUE(*store->OpenExisting());
  absl::StatusOr<EventFile*> none = store->Events(kCategory, false);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(*none, nullptr) << "removed, and not recreated without a commit";
  EXPECT_FALSE(PathExists(path_));
  EXPECT_FALSE(keys_.Has(kKey));
  std::vector<StoreIncident> incidents = store->TakeIncidents();
  ASSERT_THAT(incidents, SizeIs(1));
  EXPECT_EQ(incidents[0].problem, StoreProblem::kUndecryptable);
  EXPECT_THAT(incidents[0].detail, HasSubstr("cannot decrypt"));
  AppendOne(store.get());
  EXPECT_EQ(Count(store.get()), 1);
  EXPECT_NE(testing::ReadFileOrEmpty(path_), before);
}

TEST_F(StoreTest, ForeignTruncatedAndGarbageFilesAreReplaced) {
  struct Case {
    const char* name;
    std::function<void(const std::string&)> damage;
  };
  const std::vector<Case> cases = {
      {"plain sqlite",
       [](const std::string& path) {
         testing::WriteFileOrDie(path, std::string("SQLite format 3\0", 16) +
                                           std::string(8192 - 16, '\1'));
       }},
      {"garbage",
       [](const std::string& path) {
         testing::WriteFileOrDie(path, std::string(10000, '\x5a'));
       }},
      {"truncated to half a page",
       [](const std::string& path) {
         std::string bytes = testing::ReadFileOrEmpty(path);
         testing::WriteFileOrDie(path, bytes.substr(0, 2048));
       }},
      {"first page overwritten",
       [](const std::string& path) {
         std::string bytes = testing::ReadFileOrEmpty(path);
         for (size_t i = 100; i < 200; ++i) bytes[i] ^= 0x55;
         testing::WriteFileOrDie(path, bytes);
       }},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    TestDir dir;
    FakeKeyStore keys;
    const std::string path = dir.Sub("events/order.db");
    {
      Store store(dir.path(), &keys);
      ASSERT_TRUE(store.Create().ok());
      absl::StatusOr<EventFile*> file = store.Events(kCategory, true);
      ASSERT_TRUE(file.ok());
      EventRow row;
      row.capture_ms = 1;
      row.payload = "x";
      ASSERT_TRUE((*file)->Append({row}).ok());
    }
    util_internal::RemoveFile(path + "-wal").IgnoreError();
    util_internal::RemoveFile(path + "-shm").IgnoreError();
    c.damage(path);
    Store store(dir.path(), &keys);
    ASSERT_TRUE(*store.OpenExisting());
    absl::StatusOr<EventFile*> file = store.Events(kCategory, true);
    ASSERT_TRUE(file.ok()) << file.status();
    EXPECT_EQ((*file)->count(), 0);
    EXPECT_THAT(store.TakeIncidents(), SizeIs(1));
  }
}

TEST_F(StoreTest, ACorruptPageFoundAfterOpeningIsReplacedWithItsCountLost) {
  {
    auto store = NewStore();
    ASSERT_TRUE(store->Create().ok());
    for (int i = 0; i < 200; ++i) AppendOne(store.get(), std::string(500, 'e'));
  }
  // Damage one of the last pages (event rows): the file opens, a full read
  // fails.
  std::string bytes = testing::ReadFileOrEmpty(path_);
  ASSERT_GT(bytes.size(), 16 * 4096u);
  const size_t page = bytes.size() / 4096 - 2;
  for (size_t i = page * 4096 + 100; i < page * 4096 + 200; ++i) {
    bytes[i] ^= 0x55;
  }
  testing::WriteFileOrDie(path_, bytes);
  auto store = NewStore();
  ASSERT_TRUE(*store->OpenExisting());
  absl::StatusOr<EventFile*> file = store->Events(kCategory, false);
  ASSERT_TRUE(file.ok()) << file.status();
  ASSERT_NE(*file, nullptr);
  absl::Status read = (*file)->ForEach([](const EventRow&) { return true; });
  ASSERT_EQ(read.code(), absl::StatusCode::kDataLoss) << read;
  ASSERT_TRUE(store->ReplaceEvents(kCategory, read).ok());
  std::vector<StoreIncident> incidents = store->TakeIncidents();
  ASSERT_THAT(incidents, SizeIs(1));
  EXPECT_EQ(incidents[0].events_lost, 200);
  EXPECT_FALSE(PathExists(path_));
  AppendOne(store.get());
  EXPECT_EQ(Count(store.get()), 1);
}

TEST_F(StoreTest, AFileFromANewerLibraryIsReplacedAndReported) {
  Populate();
  {
    absl::StatusOr<SecretBytes> key = keys_.Get(kKey);
    absl::StatusOr<std::unique_ptr<SqlcipherDb>> db =
        SqlcipherDb::Open(path_, *key, OpenOptions());
    ASSERT_TRUE((*db)->Exec("PRAGMA user_version = 77").ok());
  }
  auto store = NewStore();
  ASSERT_TRUE(*store->OpenExisting());
  ASSERT_TRUE(store->Events(kCategory, false).ok());
  std::vector<StoreIncident> incidents = store->TakeIncidents();
  ASSERT_THAT(incidents, SizeIs(1));
  EXPECT_EQ(incidents[0].problem, StoreProblem::kNewerSchema);
}

TEST_F(StoreTest, AnUnavailableKeyStoreChangesNothing) {
  Populate();
  const std::string before = testing::ReadFileOrEmpty(dir_.Sub("telegate.db"));
  keys_.FailGet(absl::UnavailableError("keystore locked"));
  auto store = NewStore();
  absl::StatusOr<bool> opened = store->OpenExisting();
  EXPECT_EQ(opened.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(store->Events(kCategory, true).status().code(),
            absl::StatusCode::kUnavailable);
  EXPECT_THAT(store->TakeIncidents(), IsEmpty());
  EXPECT_EQ(testing::ReadFileOrEmpty(dir_.Sub("telegate.db")), before);
  EXPECT_TRUE(PathExists(path_));
  keys_.FailGet(absl::OkStatus());
  store = NewStore();
  ASSERT_TRUE(*store->OpenExisting());
  EXPECT_EQ(Count(store.get()), 2);
}

TEST_F(StoreTest, AConsentDatabaseThatCannotBeOpenedIsReplaced) {
  Populate();
  keys_.Put("telegate.db", std::string(32, 'w'));
  auto store = NewStore();
  absl::StatusOr<bool> opened = store->OpenExisting();
  ASSERT_TRUE(opened.ok()) << opened.status();
  EXPECT_TRUE(*opened);
  EXPECT_TRUE(store->consent_reset());
  EXPECT_TRUE(store->is_open());
  absl::StatusOr<std::vector<ConsentRow>> rows =
      store->consent()->LoadConsents();
  ASSERT_TRUE(rows.ok());
  EXPECT_THAT(*rows, IsEmpty());
  std::vector<StoreIncident> incidents = store->TakeIncidents();
  ASSERT_THAT(incidents, SizeIs(1));
  EXPECT_EQ(incidents[0].file, "telegate.db");
  EXPECT_EQ(incidents[0].problem, StoreProblem::kUndecryptable);
}

TEST_F(StoreTest, PurgeDestroysBothKeySlotsThenEveryFile) {
  Populate();
  keys_.Put(kAltKey, std::string(32, 'a'));
  auto store = NewStore();
  ASSERT_TRUE(*store->OpenExisting());
  absl::StatusOr<bool> purged = store->Purge(kCategory);
  ASSERT_TRUE(purged.ok());
  EXPECT_TRUE(*purged);
  EXPECT_FALSE(keys_.Has(kKey));
  EXPECT_FALSE(keys_.Has(kAltKey));
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    EXPECT_FALSE(PathExists(path_ + suffix)) << suffix;
  }
  // Keys before files: the first two destroyed names are the key slots.
  std::vector<std::string> destroyed = keys_.destroyed();
  ASSERT_GE(destroyed.size(), 2u);
  EXPECT_EQ(destroyed[destroyed.size() - 2], kKey);
  absl::StatusOr<bool> again = store->Purge(kCategory);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(*again) << "idempotent";
}

TEST_F(StoreTest, AStaleWalNeverMeetsAFreshFile) {
  // The WAL of a file that a crash left behind mid-removal, with real
  // frames under a key that is gone.
  std::string stale_wal;
  {
    auto store = NewStore();
    ASSERT_TRUE(store->Create().ok());
    for (int i = 0; i < 20; ++i) AppendOne(store.get(), std::string(300, 's'));
    stale_wal = testing::ReadFileOrEmpty(path_ + "-wal");
    ASSERT_GT(stale_wal.size(), 4096u);
    ASSERT_TRUE(store->Purge(kCategory).ok());
  }
  testing::WriteFileOrDie(path_ + "-wal", stale_wal);
  testing::WriteFileOrDie(dir_.Sub("events/gone.db-shm"), "x");
  auto store = NewStore();
  ASSERT_TRUE(*store->OpenExisting());
  ASSERT_TRUE(store->SweepOrphans().ok());
  EXPECT_FALSE(PathExists(path_ + "-wal"));
  EXPECT_FALSE(PathExists(dir_.Sub("events/gone.db-shm")));
  // Even if one appears after the sweep, a new file does not take it in.
  testing::WriteFileOrDie(path_ + "-wal", stale_wal);
  AppendOne(store.get());
  EXPECT_EQ(Count(store.get()), 1);
  store.reset();
  store = NewStore();
  ASSERT_TRUE(*store->OpenExisting());
  EXPECT_EQ(Count(store.get()), 1);
  EXPECT_THAT(store->TakeIncidents(), IsEmpty());
}

}  // namespace
}  // namespace telegate::store_internal
