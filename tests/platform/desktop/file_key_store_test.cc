#include "telegate/desktop/file_key_store.h"

#include <sys/stat.h>
#include <unistd.h>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "support/test_dir.h"

namespace telegate::desktop {
namespace {

using ::telegate::testing::ReadFileOrEmpty;
using ::telegate::testing::TestDir;
using ::telegate::testing::WriteFileOrDie;
using ::testing::HasSubstr;

TEST(FileKeyStoreTest, CreatesA32ByteKeyFileReadableOnlyByItsOwner) {
  TestDir dir;
  FileKeyStore keys(dir.Sub("keys"));
  absl::StatusOr<SecretBytes> created = keys.Create("telegate.db");
  ASSERT_TRUE(created.ok()) << created.status();
  EXPECT_EQ(created->size(), 32u);
  struct stat st;
  ASSERT_EQ(::stat(keys.PathFor("telegate.db").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat(dir.Sub("keys").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  absl::StatusOr<SecretBytes> read = keys.Get("telegate.db");
  ASSERT_TRUE(read.ok());
  EXPECT_TRUE(read->Equals(*created));
}

TEST(FileKeyStoreTest, KeysAreRandomAndNamesDoNotCollide) {
  TestDir dir;
  FileKeyStore keys(dir.path());
  auto a = keys.Create("a");
  auto b = keys.Create("b");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_FALSE(a->Equals(*b));
  EXPECT_EQ(keys.Create("a").status().code(), absl::StatusCode::kAlreadyExists);
}

TEST(FileKeyStoreTest, AMissingKeyIsNotFound) {
  TestDir dir;
  FileKeyStore keys(dir.path());
  EXPECT_EQ(keys.Get("nope").status().code(), absl::StatusCode::kNotFound);
}

TEST(FileKeyStoreTest, AKeyFileOfTheWrongSizeIsDataLoss) {
  TestDir dir;
  FileKeyStore keys(dir.path());
  WriteFileOrDie(keys.PathFor("k"), "short");
  ::chmod(keys.PathFor("k").c_str(), 0600);
  absl::Status s = keys.Get("k").status();
  EXPECT_EQ(s.code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(s.message(), HasSubstr("expected 32"));
}

// Refused as planted (kPermissionDenied): the client destroys such a key and
// reports it instead of using it.
TEST(FileKeyStoreTest, AKeyFileReadableByOthersIsRefused) {
  TestDir dir;
  FileKeyStore keys(dir.path());
  ASSERT_TRUE(keys.Create("k").ok());
  ::chmod(keys.PathFor("k").c_str(), 0644);
  absl::Status s = keys.Get("k").status();
  EXPECT_EQ(s.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_THAT(s.message(), HasSubstr("0644"));
}

TEST(FileKeyStoreTest, AKeyFileThatIsALinkIsRefused) {
  TestDir dir;
  FileKeyStore keys(dir.path());
  ASSERT_TRUE(keys.Create("real").ok());
  ASSERT_EQ(::symlink(keys.PathFor("real").c_str(), keys.PathFor("k").c_str()),
            0);
  EXPECT_EQ(keys.Get("k").status().code(), absl::StatusCode::kPermissionDenied);
  ASSERT_EQ(::link(keys.PathFor("real").c_str(), keys.PathFor("h").c_str()), 0);
  absl::Status s = keys.Get("h").status();
  EXPECT_EQ(s.code(), absl::StatusCode::kPermissionDenied);
  EXPECT_THAT(s.message(), HasSubstr("hard link"));
}

// Destroying a key planted as a link removes the link and never touches what
// it points to (a symbolic link used to make Destroy fail for good; a hard
// link made it zero the other file).
TEST(FileKeyStoreTest, DestroyingAPlantedLinkNeverHarmsItsTarget) {
  TestDir dir;
  FileKeyStore keys(dir.path());
  const std::string victim = dir.Sub("victim");
  WriteFileOrDie(victim, "someone else's bytes");
  ASSERT_EQ(::symlink(victim.c_str(), keys.PathFor("sym").c_str()), 0);
  ASSERT_EQ(::link(victim.c_str(), keys.PathFor("hard").c_str()), 0);
  EXPECT_TRUE(keys.Destroy("sym").ok());
  EXPECT_TRUE(keys.Destroy("hard").ok());
  EXPECT_EQ(ReadFileOrEmpty(victim), "someone else's bytes");
  EXPECT_EQ(keys.Get("sym").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(keys.Get("hard").status().code(), absl::StatusCode::kNotFound);
}

TEST(FileKeyStoreTest, DestroyRemovesTheKeyForGood) {
  TestDir dir;
  FileKeyStore keys(dir.path());
  ASSERT_TRUE(keys.Create("k").ok());
  ASSERT_TRUE(keys.Destroy("k").ok());
  EXPECT_EQ(keys.Get("k").status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ReadFileOrEmpty(keys.PathFor("k")), "");
  EXPECT_TRUE(keys.Destroy("k").ok()) << "idempotent";
  EXPECT_TRUE(keys.Create("k").ok()) << "a new key can take the name";
}

TEST(FileKeyStoreTest, RefusesNamesThatCouldEscapeTheDirectory) {
  TestDir dir;
  FileKeyStore keys(dir.path());
  for (const char* bad : {"../x", "a/b", "", ".hidden", "sp ace"}) {
    EXPECT_EQ(keys.Create(bad).status().code(),
              absl::StatusCode::kInvalidArgument)
        << bad;
  }
}

}  // namespace
}  // namespace telegate::desktop
