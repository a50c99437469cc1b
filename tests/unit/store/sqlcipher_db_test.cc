#include "store/sqlcipher_db.h"

#include <sys/stat.h>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
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
