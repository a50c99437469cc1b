#include "store/sqlcipher_db.h"

#include <sys/stat.h>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "support/fault_vfs.h"
#include "support/forensics.h"
#include "support/test_dir.h"
#include "telegate/key_store.h"

namespace telegate::store_internal {
namespace {

using ::telegate::testing::DecryptedPagesContaining;
using ::telegate::testing::FilesContaining;
using ::telegate::testing::TestDir;
using ::testing::StartsWith;

std::unique_ptr<SqlcipherDb> OpenOrDie(const std::string& path,
                                       const SecretBytes& key) {
  absl::StatusOr<std::unique_ptr<SqlcipherDb>> db =
      SqlcipherDb::Open(path, key, OpenOptions());
  EXPECT_TRUE(db.ok()) << db.status();
  return db.ok() ? *std::move(db) : nullptr;
}

TEST(SqlcipherDbTest, LinksSqlcipherFour) {
  TestDir dir;
  SecretBytes key = SecretBytes::Random(KeyStore::kKeySize);
  auto db = OpenOrDie(dir.Sub("a.db"), key);
  ASSERT_NE(db, nullptr);
  EXPECT_THAT(SqlcipherDb::CipherVersion(db->raw()), StartsWith("4."));
}

TEST(SqlcipherDbTest, SetsThePragmasEveryFileNeeds) {
  TestDir dir;
  SecretBytes key = SecretBytes::Random(KeyStore::kKeySize);
  auto db = OpenOrDie(dir.Sub("a.db"), key);
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(*db->QueryInt64("PRAGMA secure_delete"), 1);
  EXPECT_EQ(*db->QueryInt64("PRAGMA temp_store"), 2);  // MEMORY
  EXPECT_EQ(*db->QueryText("PRAGMA journal_mode"), "wal");
}

TEST(SqlcipherDbTest, CreatesFilesPrivateToTheApp) {
  TestDir dir;
  SecretBytes key = SecretBytes::Random(KeyStore::kKeySize);
  auto db = OpenOrDie(dir.Sub("a.db"), key);
  ASSERT_NE(db, nullptr);
  struct stat st;
  ASSERT_EQ(::stat(dir.Sub("a.db").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST(SqlcipherDbTest, AWrongKeyIsDataLoss) {
  TestDir dir;
  SecretBytes key = SecretBytes::Random(KeyStore::kKeySize);
  {
    auto db = OpenOrDie(dir.Sub("a.db"), key);
    ASSERT_NE(db, nullptr);
    ASSERT_TRUE(db->Exec("CREATE TABLE t(x)").ok());
  }
  SecretBytes other = SecretBytes::Random(KeyStore::kKeySize);
  absl::Status s = SqlcipherDb::Open(dir.Sub("a.db"), other, OpenOptions()).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kDataLoss) << s;
}

TEST(SqlcipherDbTest, AForeignFileIsDataLoss) {
  TestDir dir;
  testing::WriteFileOrDie(dir.Sub("a.db"),
                          std::string("SQLite format 3\0", 16) +
                              std::string(4096, 'z'));
  SecretBytes key = SecretBytes::Random(KeyStore::kKeySize);
  absl::Status s = SqlcipherDb::Open(dir.Sub("a.db"), key, OpenOptions()).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kDataLoss) << s;
}

TEST(SqlcipherDbTest, AShortKeyIsRefused) {
  TestDir dir;
  SecretBytes key = SecretBytes::Random(16);
  absl::Status s = SqlcipherDb::Open(dir.Sub("a.db"), key, OpenOptions()).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
}

TEST(SqlcipherDbTest, ContentIsEncryptedOnDiskAndReadableWithTheKey) {
  TestDir dir;
  SecretBytes key = SecretBytes::Random(KeyStore::kKeySize);
  const std::string marker = "PLAINTEXT-MARKER-4711";
  {
    auto db = OpenOrDie(dir.Sub("a.db"), key);
    ASSERT_NE(db, nullptr);
    ASSERT_TRUE(db->Exec("CREATE TABLE t(x)").ok());
    ASSERT_TRUE(db->Exec("INSERT INTO t VALUES('" + marker + "')").ok());
    // Before the checkpoint the row lives in the WAL: scan that too.
    EXPECT_THAT(FilesContaining(dir.path(), marker), ::testing::IsEmpty());
    ASSERT_TRUE(db->CheckpointTruncate().ok());
  }
  EXPECT_THAT(FilesContaining(dir.path(), marker), ::testing::IsEmpty());
  absl::StatusOr<int> hits = DecryptedPagesContaining(dir.Sub("a.db"), key, marker);
  ASSERT_TRUE(hits.ok()) << hits.status();
  EXPECT_EQ(*hits, 1) << "positive control: the key reads the marker back";
}

// temp_store = MEMORY: work that needs scratch space (a sort without an
// index, a big IN list) never writes plaintext to a temporary file.
TEST(SqlcipherDbTest, ScratchWorkNeverOpensATemporaryFile) {
  TestDir dir;
  testing::FaultVfs vfs(dir.path());
  SecretBytes key = SecretBytes::Random(KeyStore::kKeySize);
  auto db = OpenOrDie(dir.Sub("a.db"), key);
  ASSERT_NE(db, nullptr);
  const char* kScratchWork =
      "CREATE TEMP TABLE scratch(x);"
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
      "  WHERE i < 20000) INSERT INTO scratch SELECT i FROM n;"
      "CREATE TABLE t AS SELECT x, randomblob(200) AS b FROM scratch;"
      "SELECT x FROM t ORDER BY b;"
      "SELECT DISTINCT x % 97 FROM t;";
  ASSERT_TRUE(db->Exec(kScratchWork).ok());
  EXPECT_EQ(vfs.temp_opens(), 0);
  // Positive control: with temporary files allowed, the same work opens
  // them (so the count above means something).
  ASSERT_TRUE(db->Exec("DROP TABLE t; DROP TABLE scratch;"
                       "PRAGMA temp_store = FILE; PRAGMA cache_size = 10;")
                  .ok());
  ASSERT_TRUE(db->Exec(kScratchWork).ok());
  EXPECT_GT(vfs.temp_opens(), 0);
  db.reset();
}

TEST(SqlcipherDbTest, MissingFileWithoutCreateIsNotFound) {
  TestDir dir;
  SecretBytes key = SecretBytes::Random(KeyStore::kKeySize);
  OpenOptions options;
  options.create = false;
  EXPECT_EQ(SqlcipherDb::Open(dir.Sub("none.db"), key, options).status().code(),
            absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace telegate::store_internal
