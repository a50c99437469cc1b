// Runs the real telegate-demo and telegate-inspect binaries, as a script or a
// person would, and checks what they print.
#include <sys/stat.h>

#include <cstdio>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "support/child_process.h"
#include "support/test_dir.h"

namespace {

using ::telegate::testing::RunCommand;
using ::telegate::testing::ShellCommand;
using ::telegate::testing::TestDir;
using ::telegate::testing::WriteFileOrDie;
using ::testing::HasSubstr;
using ::testing::StartsWith;

std::vector<std::string> Lines(const std::string& s) {
  return absl::StrSplit(s, '\n', absl::SkipEmpty());
}

// Runs telegate-demo on `dir` with `script` on stdin (written to
// dir/script); returns its stdout, *status its exit status.
// The programs, through the emulator in a cross build.
std::string Demo() { return ShellCommand(TELEGATE_DEMO_BIN); }
std::string Inspect() { return ShellCommand(TELEGATE_INSPECT_BIN); }

std::string RunDemoScript(const TestDir& dir, const std::string& script,
                          int* status) {
  WriteFileOrDie(dir.Sub("script"), script);
  return RunCommand(absl::StrCat(Demo(), " --data-dir ", dir.path(), " < ",
                                 dir.Sub("script")),
                    status);
}

TEST(DemoCliTest, ScriptedSessionThenInspectShowsTheEvents) {
  TestDir dir;
  WriteFileOrDie(
      dir.Sub("script"),
      "consent log.search on\n"
      "track log.search search query=\"blue kettle\" results=7\n"
      "track order order order_id=A-1 amount_minor=1999 currency=CNY\n"
      "consent order on\n"
      "track order order order_id=A-2 amount_minor=2999 currency=CNY\n"
      "flush\n"
      "quit\n");
  int status = -1;
  std::string out = RunCommand(absl::StrCat(Demo(), " --data-dir ", dir.path(),
                                            " < ", dir.Sub("script")),
                               &status);
  EXPECT_EQ(status, 0);
  auto lines = Lines(out);
  ASSERT_EQ(lines.size(), 7u) << out;
  EXPECT_EQ(lines[2], "error: category is closed (PERMISSION_DENIED)");
  for (const std::string& l : lines) {
    EXPECT_TRUE(absl::StartsWith(l, "ok") || absl::StartsWith(l, "error:"))
        << l;
  }

  std::string events =
      RunCommand(absl::StrCat(Inspect(), " --data-dir ", dir.path()), &status);
  EXPECT_EQ(status, 0);
  auto json = Lines(events);
  ASSERT_EQ(json.size(), 2u) << events;
  std::string all = absl::StrJoin(json, "\n");
  EXPECT_THAT(all, HasSubstr("\"query\":\"blue kettle\""));
  EXPECT_THAT(all, HasSubstr("\"results\":7"));
  EXPECT_THAT(all, HasSubstr("\"order_id\":\"A-2\""));
  EXPECT_THAT(all, ::testing::Not(HasSubstr("A-1")));
}

TEST(DemoCliTest, RevokeInTheDemoEmptiesInspect) {
  TestDir dir;
  int status = -1;
  RunDemoScript(dir,
                "consent log.search on\n"
                "track log.search search query=secret\n"
                "flush\n"
                "consent log.search off\n"
                "quit\n",
                &status);
  EXPECT_EQ(status, 0);
  std::string events =
      RunCommand(absl::StrCat(Inspect(), " --data-dir ", dir.path()), &status);
  EXPECT_EQ(status, 0);
  EXPECT_EQ(events, "");
}

TEST(DemoCliTest, InspectPrintsAndVerifiesTheLedger) {
  TestDir dir;
  int status = -1;
  RunDemoScript(dir,
                "consent log.search on\n"
                "consent log.search off\n"
                "quit\n",
                &status);
  ASSERT_EQ(status, 0);
  std::string out = RunCommand(
      absl::StrCat(Inspect(), " --data-dir ", dir.path(), " --ledger"),
      &status);
  EXPECT_EQ(status, 0);
  auto lines = Lines(out);
  ASSERT_GE(lines.size(), 5u) << out;
  EXPECT_THAT(lines[0], HasSubstr("\"kind\":\"consent_granted\""));
  EXPECT_THAT(lines[0], HasSubstr("\"category\":\"log.search\""));
  EXPECT_THAT(out, HasSubstr("\"kind\":\"consent_revoked\""));
  EXPECT_THAT(out, HasSubstr("\"kind\":\"purge\""));
  EXPECT_THAT(lines.back(), StartsWith("{\"ledger\":\"verified\""));
}

TEST(DemoCliTest, CollectWithADeviceScriptThenInspectShowsTheEvents) {
  TestDir dir;
  WriteFileOrDie(dir.Sub("device.txt"),
                 "location lat=22.543096 lon=114.057865 accuracy=12\n"
                 "bluetooth address=6A:7B:8C:9D:AE:BF name=Buds rssi=-70\n");
  WriteFileOrDie(dir.Sub("script"),
                 "os ACCESS_COARSE_LOCATION granted\n"
                 "consent location.coarse on\n"
                 "collect location.coarse\n"
                 "os BLUETOOTH_SCAN granted\n"
                 "consent location.bluetooth on\n"
                 "collect location.bluetooth\n"
                 "flush\n"
                 "quit\n");
  int status = -1;
  std::string out = RunCommand(
      absl::StrCat(Demo(), " --data-dir ", dir.path(), " --device-script ",
                   dir.Sub("device.txt"), " < ", dir.Sub("script")),
      &status);
  EXPECT_EQ(status, 0);
  EXPECT_THAT(out,
              HasSubstr("ok collected location.coarse events=1 warnings=0: "
                        "coarse_fix{latitude=22.54 longitude=114.06 "
                        "accuracy_m=1000}"));
  EXPECT_THAT(out, HasSubstr("ok collected location.bluetooth events=1"));
  std::string events =
      RunCommand(absl::StrCat(Inspect(), " --data-dir ", dir.path()), &status);
  EXPECT_EQ(status, 0);
  EXPECT_THAT(events, HasSubstr("\"name\":\"coarse_fix\""));
  EXPECT_THAT(events, HasSubstr("\"latitude\":22.54"));
  EXPECT_THAT(events, HasSubstr("\"address_hash\":"));
  EXPECT_THAT(events, ::testing::Not(HasSubstr("22.543096")));
  EXPECT_THAT(events, ::testing::Not(HasSubstr("6A:7B")));
}

// A data directory whose log.search file its key no longer opens: the next
// start replaces it (a recovery SQLCipher reports as a failed decrypt).
void BufferThenBreakTheKey(const TestDir& dir) {
  int status = -1;
  RunDemoScript(dir,
                "consent log.search on\n"
                "track log.search search query=LOGGED-QUERY-MARKER\n"
                "flush\n"
                "quit\n",
                &status);
  ASSERT_EQ(status, 0);
  const std::string key = dir.Sub("keys/telegate.category.log.search.key");
  WriteFileOrDie(key, std::string(32, 'w'));
  ::chmod(key.c_str(), 0600);
  WriteFileOrDie(dir.Sub("quit"), "quit\n");
}

TEST(DemoCliTest, LogLevelPrintsTheClientsLogOnStderrAndOnlyThen) {
  TestDir quiet_dir;
  BufferThenBreakTheKey(quiet_dir);
  int status = -1;
  std::string quiet =
      RunCommand(absl::StrCat(Demo(), " --data-dir ", quiet_dir.path(), " < ",
                              quiet_dir.Sub("quit"), " 2>&1"),
                 &status);
  EXPECT_EQ(status, 0);
  EXPECT_EQ(quiet, "ok bye\n") << "without --log-level, nothing on stderr";

  TestDir dir;
  BufferThenBreakTheKey(dir);
  std::string err =
      RunCommand(absl::StrCat(Demo(), " --data-dir ", dir.path(),
                              " --log-level warning < ", dir.Sub("quit"),
                              " 2>&1 >/dev/null"),
                 &status);
  EXPECT_EQ(status, 0);
  EXPECT_THAT(err, HasSubstr("telegate warning: store: replaced "
                             "events/log.search.db (undecryptable)"));
  EXPECT_THAT(err, ::testing::Not(HasSubstr("telegate info:")));
  EXPECT_THAT(err, ::testing::Not(HasSubstr("LOGGED-QUERY-MARKER")));

  std::string bad = RunCommand(absl::StrCat(Demo(), " --data-dir ", dir.path(),
                                            " --log-level loud 2>&1"),
                               &status);
  EXPECT_NE(status, 0);
  EXPECT_THAT(bad,
              HasSubstr("--log-level takes debug, info, warning or error"));
}

TEST(DemoCliTest, BadArgumentsAndDirectoriesFailClearly) {
  TestDir dir;
  int status = -1;
  std::string out = RunCommand(absl::StrCat(Demo(), " 2>&1"), &status);
  EXPECT_NE(status, 0);
  EXPECT_THAT(out, HasSubstr("--data-dir is required"));
  out = RunCommand(
      absl::StrCat(Demo(), " --data-dir ", dir.path(), " --device-script 2>&1"),
      &status);
  EXPECT_NE(status, 0);
  EXPECT_THAT(out, HasSubstr("--device-script needs a file"));
  out = RunCommand(
      absl::StrCat(Demo(), " --data-dir ", dir.Sub("nope"), " </dev/null"),
      &status);
  EXPECT_NE(status, 0);
  EXPECT_THAT(out, StartsWith("error: data directory"));
  out = RunCommand(
      absl::StrCat(Inspect(), " --data-dir ", dir.Sub("nope"), " 2>&1"),
      &status);
  EXPECT_NE(status, 0);
  EXPECT_THAT(out, HasSubstr("does not exist"));
}

}  // namespace
