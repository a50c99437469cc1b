// Forward migrations, tested from every earlier version of each file format.
//
// The fixtures below write files exactly as earlier versions of the library
// did (their DDL and rows are frozen here on purpose: they are history, not
// the current code). Adding a schema version means adding its fixture.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "event/event_codec.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "store/consent_db.h"
#include "store/event_file.h"
#include "store/schema.h"
#include "store/sqlcipher_db.h"
#include "support/test_dir.h"
#include "telegate/key_store.h"

namespace telegate::store_internal {
namespace {

using ::telegate::testing::TestDir;
using ::testing::ElementsAreArray;

std::string MakeEvent(int i) {
  char id[event_internal::kEventIdSize] = {static_cast<char>(i)};
  event_internal::EventFields f;
  f.id = absl::string_view(id, sizeof(id));
  f.category = "order";
  f.name = "order";
  f.capture_time_ms = 1700000000000 + i;
  f.consent_epoch = 1;
  std::string order_id = absl::StrCat("A-", i);
  std::vector<Attribute> attributes = {{"order_id", order_id},
                                       {"amount_minor", i * 100}};
  const auto encoded = event_internal::EncodeEvent(f, attributes);
  return std::string(encoded.data(), encoded.size());
}

std::unique_ptr<SqlcipherDb> Raw(const std::string& path,
                                 const SecretBytes& key) {
  absl::StatusOr<std::unique_ptr<SqlcipherDb>> db =
      SqlcipherDb::Open(path, key, OpenOptions());
  EXPECT_TRUE(db.ok()) << db.status();
  return db.ok() ? *std::move(db) : nullptr;
}

// Event files as each earlier version wrote them, holding `events`.
using EventFixture =
    std::function<void(SqlcipherDb*, const std::vector<std::string>&)>;
const std::vector<EventFixture>& EventFixtures() {
  static const auto* fixtures = new std::vector<EventFixture>{
      // Version 0: an empty file (created, never written).
      [](SqlcipherDb*, const std::vector<std::string>&) {},
      // Version 1: the foundation (no user_version; payload = the event).
      [](SqlcipherDb* db, const std::vector<std::string>& events) {
        ASSERT_TRUE(db->Exec("CREATE TABLE IF NOT EXISTS events("
                             "  seq INTEGER PRIMARY KEY,"
                             "  capture_ms INTEGER NOT NULL,"
                             "  payload BLOB NOT NULL)")
                        .ok());
        absl::StatusOr<Statement> insert =
            db->Prepare("INSERT INTO events(capture_ms, payload) VALUES(?, ?)");
        ASSERT_TRUE(insert.ok());
        for (size_t i = 0; i < events.size(); ++i) {
          insert->BindInt64(1, 1700000000000 + static_cast<int64_t>(i));
          insert->BindBlob(2, events[i]);
          ASSERT_TRUE(insert->Run().ok());
          insert->Reset();
        }
      },
  };
  return *fixtures;
}

TEST(SchemaMigrationTest, EveryEarlierEventFileVersionHasAFixture) {
  EXPECT_EQ(EventFixtures().size(),
            static_cast<size_t>(EventFile::kSchemaVersion))
      << "a new schema version needs a fixture of the previous one";
}

TEST(SchemaMigrationTest, EventFilesMigrateFromEveryEarlierVersion) {
  for (int version = 0; version < EventFile::kSchemaVersion; ++version) {
    SCOPED_TRACE(absl::StrCat("from version ", version));
    TestDir dir;
    const std::string path = dir.Sub("order.db");
    SecretBytes key = SecretBytes::Random(KeyStore::kKeySize);
    std::vector<std::string> events;
    if (version > 0) {
      for (int i = 0; i < 50; ++i) events.push_back(MakeEvent(i));
    }
    {
      auto db = Raw(path, key);
      ASSERT_NE(db, nullptr);
      EventFixtures()[version](db.get(), events);
    }
    {
      absl::StatusOr<std::unique_ptr<EventFile>> read_only =
          EventFile::Open(path, key, "order", false, /*read_only=*/true);
      ASSERT_TRUE(read_only.ok()) << read_only.status();
      EXPECT_EQ((*read_only)->schema_version(), version)
          << "a read-only open reads the old layout as it is";
      std::vector<std::string> seen;
      ASSERT_TRUE((*read_only)
                      ->ForEach([&](const EventRow& row) {
                        seen.emplace_back(row.payload);
                        return true;
                      })
                      .ok());
      EXPECT_THAT(seen, ElementsAreArray(events));
    }
    absl::StatusOr<std::unique_ptr<EventFile>> file =
        EventFile::Open(path, key, "order", /*create=*/false);
    ASSERT_TRUE(file.ok()) << file.status();
    EXPECT_EQ((*file)->schema_version(), EventFile::kSchemaVersion);
    EXPECT_EQ(*(*file)->db()->UserVersion(), EventFile::kSchemaVersion);
    EXPECT_EQ((*file)->count(), static_cast<int64_t>(events.size()));
    std::vector<std::string> seen;
    std::vector<int64_t> seqs;
    ASSERT_TRUE((*file)
                    ->ForEach([&](const EventRow& row) {
                      seen.emplace_back(row.payload);
                      seqs.push_back(row.seq);
                      return true;
                    })
                    .ok());
    EXPECT_THAT(seen, ElementsAreArray(events)) << "byte for byte";
    if (!events.empty()) {
      EXPECT_EQ((*file)->capture_lower_bound_ms(), 1700000000000);
      EXPECT_EQ(seqs.front(), 1) << "seqs kept";
    }
    // And it works as a current file.
    std::string more = MakeEvent(99);
    EventRow row;
    row.capture_ms = 1;
    row.payload = more;
    ASSERT_TRUE((*file)->Append({row}).ok());
    EXPECT_EQ((*file)->count(), static_cast<int64_t>(events.size()) + 1);
  }
}

TEST(SchemaMigrationTest, AFailedMigrationLeavesTheFileAtItsOldVersion) {
  TestDir dir;
  const std::string path = dir.Sub("order.db");
  SecretBytes key = SecretBytes::Random(KeyStore::kKeySize);
  {
    auto db = Raw(path, key);
    EventFixtures()[1](db.get(), {MakeEvent(1)});
    // A table the migration wants to create is already there: it fails
    // midway, after re-encoding rows.
    ASSERT_TRUE(db->Exec("CREATE TABLE counters(x)").ok());
  }
  EXPECT_FALSE(EventFile::Open(path, key, "order", false).ok());
  auto db = Raw(path, key);
  EXPECT_EQ(*db->UserVersion(), 0);
  EXPECT_FALSE(*HasTable(db.get(), "events_v2"));
  EXPECT_EQ(*db->QueryInt64("SELECT count(*) FROM events"), 1)
      << "the version-1 rows are untouched";
}

TEST(SchemaMigrationTest, AFileFromANewerLibraryIsRefusedAndLeftAlone) {
  TestDir dir;
  const std::string path = dir.Sub("order.db");
  SecretBytes key = SecretBytes::Random(KeyStore::kKeySize);
  {
    auto db = Raw(path, key);
    ASSERT_TRUE(
        db->Exec("CREATE TABLE future(x); PRAGMA user_version = 99").ok());
  }
  absl::Status s = EventFile::Open(path, key, "order", false).status();
  EXPECT_TRUE(IsNewerSchema(s)) << s;
  EXPECT_TRUE(IsNewerSchema(ConsentDb::Open(path, key, false).status()));
  auto db = Raw(path, key);
  EXPECT_EQ(*db->UserVersion(), 99);
  EXPECT_TRUE(*HasTable(db.get(), "future"));
  EXPECT_FALSE(IsNewerSchema(absl::FailedPreconditionError("other")));
}

// Consent databases as each earlier version wrote them.
using ConsentFixture = std::function<void(SqlcipherDb*)>;
const std::vector<ConsentFixture>& ConsentFixtures() {
  static const auto* fixtures = new std::vector<ConsentFixture>{
      [](SqlcipherDb*) {},
      // Version 1: the foundation (schema_version in meta, no user_version).
      [](SqlcipherDb* db) {
        ASSERT_TRUE(
            db->Exec("CREATE TABLE IF NOT EXISTS meta("
                     "  key TEXT PRIMARY KEY, value BLOB) WITHOUT ROWID;"
                     "CREATE TABLE IF NOT EXISTS consent("
                     "  category TEXT PRIMARY KEY,"
                     "  granted INTEGER NOT NULL,"
                     "  changed_ms INTEGER NOT NULL,"
                     "  policy_major INTEGER NOT NULL,"
                     "  policy_minor INTEGER NOT NULL) WITHOUT ROWID;"
                     "CREATE TABLE IF NOT EXISTS os_permission("
                     "  name TEXT PRIMARY KEY, granted INTEGER NOT NULL)"
                     "  WITHOUT ROWID;"
                     "INSERT OR IGNORE INTO meta(key, value)"
                     "  VALUES('schema_version', 1);"
                     "INSERT INTO consent VALUES('order', 1, 5, 1, 0);"
                     "INSERT INTO os_permission VALUES('AD_ID', 1);")
                .ok());
      },
      // Version 2: the consent core added the ledger (still no
      // user_version).
      [](SqlcipherDb* db) {
        ConsentFixtures()[1](db);
        ASSERT_TRUE(db->Exec("CREATE TABLE IF NOT EXISTS ledger("
                             "  seq INTEGER PRIMARY KEY,"
                             "  entry BLOB NOT NULL,"
                             "  hash BLOB NOT NULL);"
                             "INSERT INTO ledger VALUES(1, x'0102', x'0304');")
                        .ok());
      },
  };
  return *fixtures;
}

TEST(SchemaMigrationTest, ConsentDatabasesMigrateFromEveryEarlierVersion) {
  // The last fixture is the current version as it was written before
  // user_version was used: it checks that the layout is recognised.
  ASSERT_GE(ConsentFixtures().size(),
            static_cast<size_t>(ConsentDb::kSchemaVersion))
      << "a new schema version needs a fixture of the previous one";
  for (int version = 0; version < static_cast<int>(ConsentFixtures().size());
       ++version) {
    SCOPED_TRACE(absl::StrCat("from version ", version));
    TestDir dir;
    const std::string path = dir.Sub("telegate.db");
    SecretBytes key = SecretBytes::Random(KeyStore::kKeySize);
    {
      auto db = Raw(path, key);
      ConsentFixtures()[version](db.get());
    }
    absl::StatusOr<std::unique_ptr<ConsentDb>> consent =
        ConsentDb::Open(path, key, false);
    ASSERT_TRUE(consent.ok()) << consent.status();
    absl::StatusOr<std::vector<ConsentRow>> rows = (*consent)->LoadConsents();
    ASSERT_TRUE(rows.ok());
    absl::StatusOr<std::map<std::string, bool>> permissions =
        (*consent)->LoadPermissions();
    ASSERT_TRUE(permissions.ok());
    EXPECT_EQ(*(*consent)->db()->QueryInt64(
                  "SELECT count(*) FROM sqlite_schema WHERE name = 'ledger'"),
              1)
        << "every version ends with the ledger table";
    if (version == 2) {
      EXPECT_EQ(*(*consent)->db()->QueryInt64("SELECT count(*) FROM ledger"), 1)
          << "the ledger is kept";
    }
    if (version == 0) {
      EXPECT_TRUE(rows->empty());
    } else {
      ASSERT_EQ(rows->size(), 1u);
      EXPECT_EQ(rows->at(0).category, "order");
      EXPECT_TRUE(rows->at(0).granted);
      EXPECT_EQ(permissions->at("AD_ID"), true);
    }
  }
}

}  // namespace
}  // namespace telegate::store_internal
