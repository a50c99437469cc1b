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

constexpr char kDeviceScript[] =
    "location lat=31.230416 lon=121.473701 accuracy=8 region=CN-SH\n"
    "wifi bssid=0A:1B:2C:3D:4E:5F ssid=\"Cafe Wifi\" rssi=-61 freq=2412\n";

std::unique_ptr<DemoSession> CreateWithScript(const TestDir& dir,
                                              const std::string& script) {
  testing::WriteFileOrDie(dir.Sub("device.txt"), script);
  DemoOptions options;
  options.data_dir = dir.path();
  options.device_script = dir.Sub("device.txt");
  absl::StatusOr<std::unique_ptr<DemoSession>> s = DemoSession::Create(options);
  EXPECT_TRUE(s.ok()) << s.status();
  return s.ok() ? *std::move(s) : nullptr;
}

TEST(DemoSessionTest, CollectPrintsWhatWasCapturedInOneLine) {
  TestDir dir;
  auto s = CreateWithScript(dir, kDeviceScript);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(One(s.get(), "collect location.coarse"),
            "error: category is closed (PERMISSION_DENIED)");
  EXPECT_THAT(One(s.get(), "collect log.search"),
              HasSubstr("the app records it with Track"));
  EXPECT_THAT(One(s.get(), "collect nope"), HasSubstr("unknown category"));
  EXPECT_THAT(One(s.get(), "collect"), StartsWith("error: usage"));
  One(s.get(), "os ACCESS_COARSE_LOCATION granted");
  One(s.get(), "consent location.coarse on");
  EXPECT_EQ(One(s.get(), "collect location.coarse"),
            "ok collected location.coarse events=1 warnings=0: "
            "coarse_fix{latitude=31.23 longitude=121.47 accuracy_m=1000 "
            "region=CN-SH}");
  One(s.get(), "os ACCESS_FINE_LOCATION granted");
  One(s.get(), "os ACCESS_WIFI_STATE granted");
  One(s.get(), "os NEARBY_WIFI_DEVICES granted");
  One(s.get(), "consent location.wifi on");
  std::string wifi = One(s.get(), "collect location.wifi");
  EXPECT_THAT(wifi, StartsWith("ok collected location.wifi events=1 "
                               "warnings=0: wifi_scan{ssid=\"Cafe Wifi\" "
                               "bssid_hash="));
  EXPECT_THAT(wifi, ::testing::Not(HasSubstr("0A:1B")));
  One(s.get(), "consent device.basic on");
  std::string basic = One(s.get(), "collect device.basic");
  EXPECT_THAT(basic, StartsWith("ok collected device.basic events=1"));
  EXPECT_THAT(basic, HasSubstr("device_info{"));
  EXPECT_THAT(basic, HasSubstr("cpu_count="));
}

TEST(DemoSessionTest, MalformedDeviceScriptLinesAreCountedInStatus) {
  TestDir dir;
  auto s = CreateWithScript(dir, "location lat=1.5 lon=2.5 accuracy=far\n");
  ASSERT_NE(s, nullptr);
  One(s.get(), "os ACCESS_FINE_LOCATION granted");
  One(s.get(), "consent location.precise on");
  EXPECT_EQ(One(s.get(), "collect location.precise"),
            "ok collected location.precise events=1 warnings=1: "
            "fix{latitude=1.5 longitude=2.5} (device script line 1: accuracy "
            "is not a number)");
  std::vector<std::string> status = s->Execute("status");
  ASSERT_EQ(status.size(), 16u);  // categories, drops, store
  EXPECT_THAT(status[5], StartsWith("  location.precise open buffered="));
  EXPECT_THAT(status[5], ::testing::EndsWith(" warnings=1"));
}

TEST(DemoSessionTest, WithoutADeviceScriptThereIsNoLocationSource) {
  TestDir dir;
  auto s = CreateOrDie(dir.path());
  ASSERT_NE(s, nullptr);
  One(s.get(), "os ACCESS_FINE_LOCATION granted");
  One(s.get(), "consent location.precise on");
  EXPECT_EQ(One(s.get(), "collect location.precise"),
            "error: this platform has no source for location.precise");
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
