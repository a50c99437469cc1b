#include "demo_session.h"

#include <sys/stat.h>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "support/test_dir.h"
#include "telegate/desktop/file_key_store.h"

namespace telegate::demo {
namespace {

using ::telegate::testing::TestDir;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

std::unique_ptr<DemoSession> CreateOrDie(const std::string& dir) {
  DemoOptions options;
  options.data_dir = dir;
  absl::StatusOr<std::unique_ptr<DemoSession>> s = DemoSession::Create(options);
  EXPECT_TRUE(s.ok()) << s.status();
  return s.ok() ? *std::move(s) : nullptr;
}

std::string One(DemoSession* s, const std::string& line) {
  std::vector<std::string> out = s->Execute(line);
  EXPECT_EQ(out.size(), 1u) << line;
  return out.empty() ? "" : out[0];
}

TEST(DemoSessionTest, AnswersEveryCommandWithOkOrError) {
  TestDir dir;
  auto s = CreateOrDie(dir.path());
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(One(s.get(), "track log.search search query=x"),
            "error: category is closed (PERMISSION_DENIED)");
  EXPECT_EQ(One(s.get(), "consent log.search on"), "ok consent log.search on");
  EXPECT_EQ(One(s.get(), "track log.search search query=\"red shoes\" results=3"),
            "ok tracked log.search search");
  EXPECT_EQ(One(s.get(), "os ACCESS_FINE_LOCATION granted"),
            "ok os ACCESS_FINE_LOCATION granted");
  EXPECT_EQ(One(s.get(), "flush"), "ok flushed");
  EXPECT_TRUE(s->Execute("# a comment").empty());
  EXPECT_TRUE(s->Execute("").empty());
  EXPECT_EQ(One(s.get(), "quit"), "ok bye");
  EXPECT_TRUE(s->done());
}

TEST(DemoSessionTest, BadInputGetsAClearError) {
  TestDir dir;
  auto s = CreateOrDie(dir.path());
  ASSERT_NE(s, nullptr);
  ASSERT_EQ(One(s.get(), "consent log.search on"), "ok consent log.search on");
  EXPECT_THAT(One(s.get(), "consent nope on"), HasSubstr("unknown category"));
  EXPECT_THAT(One(s.get(), "consent log.search maybe"), StartsWith("error: usage"));
  EXPECT_THAT(One(s.get(), "os bad-name granted"), HasSubstr("bad permission"));
  EXPECT_THAT(One(s.get(), "track log.search search noequals"),
              HasSubstr("malformed attribute"));
  EXPECT_THAT(One(s.get(), "track log.search search results=lots"),
              HasSubstr("must be an integer"));
  EXPECT_THAT(One(s.get(), "track log.search search imei=1"),
              HasSubstr("declares no attribute"));
  EXPECT_THAT(One(s.get(), "track log.search nope"), HasSubstr("no event"));
  EXPECT_THAT(One(s.get(), "frobnicate"), HasSubstr("unknown command"));
  EXPECT_THAT(One(s.get(), "track \"unterminated"), HasSubstr("unterminated"));
}

TEST(DemoSessionTest, StatusListsEveryCategoryAndTheDrops) {
  TestDir dir;
  auto s = CreateOrDie(dir.path());
  ASSERT_NE(s, nullptr);
  One(s.get(), "consent log.search on");
  One(s.get(), "track log.search search query=a");
  One(s.get(), "flush");
  std::vector<std::string> out = s->Execute("status");
  ASSERT_EQ(out.size(), 16u);
  EXPECT_EQ(out[0], "ok status 15");
  EXPECT_THAT(out[11], StartsWith("  log.search open buffered=1"));
  EXPECT_THAT(out[5],
              StartsWith("  location.precise closed "
                         "why=consent_off,permission_missing(ACCESS_FINE_"
                         "LOCATION)"));
  EXPECT_THAT(out[14], StartsWith("  drops closed="));
  EXPECT_EQ(out[15], "  store replaced=0 consent_reset=no last_error=none");
}

TEST(DemoSessionTest, RotateKeysKeepsTheEvents) {
  TestDir dir;
  auto s = CreateOrDie(dir.path());
  ASSERT_NE(s, nullptr);
  One(s.get(), "consent log.search on");
  One(s.get(), "track log.search search query=a");
  One(s.get(), "flush");
  EXPECT_EQ(One(s.get(), "rotate-keys"), "ok keys rotated");
  One(s.get(), "track log.search search query=b");
  One(s.get(), "flush");
  std::vector<std::string> out = s->Execute("status");
  ASSERT_GE(out.size(), 12u);
  EXPECT_THAT(out[11], StartsWith("  log.search open buffered=2"));
}

TEST(DemoSessionTest, ConsentCommandsAnswerOkOrError) {
  TestDir dir;
  auto s = CreateOrDie(dir.path());
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(One(s.get(), "policy 1.0"), "ok policy 1.0 accepted");
  EXPECT_THAT(One(s.get(), "policy 2.0"), HasSubstr("unknown policy version"));
  EXPECT_THAT(One(s.get(), "policy two"), HasSubstr("not a policy version"));
  EXPECT_THAT(One(s.get(), "policy"), StartsWith("error: usage"));
  EXPECT_EQ(One(s.get(), "accept-all"), "ok accept-all");
  EXPECT_EQ(One(s.get(), "minor on"), "ok minor on");
  EXPECT_EQ(One(s.get(), "guardian on"), "ok guardian on");
  EXPECT_THAT(One(s.get(), "minor maybe"), StartsWith("error: usage"));
  EXPECT_EQ(One(s.get(), "foreground"), "ok foreground");
  EXPECT_EQ(One(s.get(), "reject-all"), "ok reject-all");
  EXPECT_THAT(One(s.get(), "ledger"), StartsWith("ok ledger verified entries="));
  EXPECT_EQ(One(s.get(), "restart"), "ok restarted");
  EXPECT_THAT(One(s.get(), "ledger"), StartsWith("ok ledger verified"));
}

TEST(DemoSessionTest, StatusShowsConsentAndItsPolicyVersion) {
  TestDir dir;
  auto s = CreateOrDie(dir.path());
  ASSERT_NE(s, nullptr);
  One(s.get(), "consent log.search on");
  One(s.get(), "minor on");
  std::vector<std::string> out = s->Execute("status");
  ASSERT_EQ(out.size(), 16u);  // categories, drops, store
  EXPECT_EQ(out[11],
            "  log.search open buffered=0 sensitivity=personal consent=on "
            "policy=1.0");
  EXPECT_EQ(out[13],
            "  order closed why=consent_off,minor buffered=0 "
            "sensitivity=sensitive consent=off");
}

TEST(DemoSessionTest, AMissingDataDirectoryIsAClearError) {
  TestDir dir;
  DemoOptions options;
  options.data_dir = dir.Sub("missing");
  absl::Status s = DemoSession::Create(options).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(s.message(), HasSubstr("does not exist"));
}

TEST(DemoSessionTest, AFileWhereTheDataDirectoryShouldBeIsAClearError) {
  TestDir dir;
  testing::WriteFileOrDie(dir.Sub("file"), "x");
  DemoOptions options;
  options.data_dir = dir.Sub("file");
  absl::Status s = DemoSession::Create(options).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(s.message(), HasSubstr("not a directory"));
}

// Issue 4 changed these two: a database that cannot be opened is no longer
// an Open error (which left the app without a working client and the file in
// place forever) but is replaced by a fresh one, reported in the status.
TEST(DemoSessionTest, AWrongKeyFileIsReportedAndTheDatabaseIsReplaced) {
  TestDir dir;
  {
    auto s = CreateOrDie(dir.path());
    ASSERT_NE(s, nullptr);
    ASSERT_EQ(One(s.get(), "consent log.search on"), "ok consent log.search on");
  }
  desktop::FileKeyStore keys(dir.Sub("keys"));
  testing::WriteFileOrDie(keys.PathFor("telegate.db"), std::string(32, 'w'));
  ::chmod(keys.PathFor("telegate.db").c_str(), 0600);
  const std::string before = testing::ReadFileOrEmpty(dir.Sub("telegate.db"));
  auto s = CreateOrDie(dir.path());
  ASSERT_NE(s, nullptr);
  EXPECT_NE(testing::ReadFileOrEmpty(dir.Sub("telegate.db")), before)
      << "the unreadable database must not be reused";
  std::vector<std::string> out = s->Execute("status");
  ASSERT_EQ(out.size(), 17u);
  EXPECT_THAT(out[11], StartsWith("  log.search closed why=consent_off"))
      << "consent cannot be proven any more";
  EXPECT_EQ(out[15], "  store replaced=1 consent_reset=yes last_error=none");
  EXPECT_THAT(out[16], StartsWith("  incident undecryptable telegate.db lost=unknown"));
  EXPECT_THAT(out[16], HasSubstr("cannot decrypt"));
  // A working client afterwards.
  EXPECT_EQ(One(s.get(), "consent log.search on"), "ok consent log.search on");
  EXPECT_EQ(One(s.get(), "track log.search search query=x"),
            "ok tracked log.search search");
  EXPECT_EQ(One(s.get(), "flush"), "ok flushed");
}

TEST(DemoSessionTest, AMissingKeyFileIsReportedAndTheDatabaseIsReplaced) {
  TestDir dir;
  {
    auto s = CreateOrDie(dir.path());
    ASSERT_NE(s, nullptr);
    ASSERT_EQ(One(s.get(), "consent log.search on"), "ok consent log.search on");
  }
  desktop::FileKeyStore keys(dir.Sub("keys"));
  ASSERT_EQ(::unlink(keys.PathFor("telegate.db").c_str()), 0);
  auto s = CreateOrDie(dir.path());
  ASSERT_NE(s, nullptr);
  std::vector<std::string> out = s->Execute("status");
  ASSERT_EQ(out.size(), 17u);
  EXPECT_EQ(out[15], "  store replaced=1 consent_reset=yes last_error=none");
  EXPECT_THAT(out[16], StartsWith("  incident key_missing telegate.db lost=unknown"));
  EXPECT_EQ(One(s.get(), "consent log.search on"), "ok consent log.search on");
}

TEST(DemoSessionTest, TwoClientsCannotShareADataDirectory) {
  TestDir dir;
  auto first = CreateOrDie(dir.path());
  ASSERT_NE(first, nullptr);
  DemoOptions options;
  options.data_dir = dir.path();
  absl::Status s = DemoSession::Create(options).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(s.message(), HasSubstr("in use"));
}

}  // namespace
}  // namespace telegate::demo
