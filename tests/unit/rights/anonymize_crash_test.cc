// Anonymization killed with SIGKILL at every stage: a child process buffers
// identifying events, starts Anonymize and freezes at its n-th file write
// (n walks over the whole run, from the first write to past the last); the
// test kills it there, reopens the directory like the next app start, and
// checks on the decrypted pages that no identifying value is left and in
// the export that no event was lost.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <iostream>
#include <map>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "support/client_fixture.h"
#include "support/fault_vfs.h"
#include "support/forensics.h"
#include "support/stored_events.h"
#include "support/test_dir.h"
#include "telegate/desktop/desktop_permission_source.h"
#include "telegate/desktop/file_key_store.h"
#include "telegate/export.pb.h"
#include "util/files.h"

namespace telegate {
namespace {

using ::telegate::testing::CategoryKeyInEitherSlot;
using ::telegate::testing::DecryptedPagesContaining;
using ::telegate::testing::FaultVfs;
using ::telegate::testing::FilesContaining;
using ::telegate::testing::OpenOrDie;
using ::telegate::testing::TestDir;
using ::testing::IsEmpty;

constexpr char kOrder[] = "ORDER-SECRET-0815";
constexpr char kIp[] = "203.0.113.77";
// More than one rewrite chunk (256 events) per category.
constexpr int kEvents = 300;
const char* const kCategories[] = {"log.access", "order", "log.search"};

// A real app process on desktop key files and permissions.
struct AppProcess {
  explicit AppProcess(const std::string& dir)
      : keys(util_internal::JoinPath(dir, "keys")) {
    env.permissions = &os;
    env.key_store = &keys;
    options.data_dir = dir;
    options.env = &env;
  }
  desktop::FileKeyStore keys;
  desktop::DesktopPermissionSource os;
  Env env;
  ClientOptions options;
};

// The child: buffers kEvents identifying events per category, then
// anonymizes, freezing (after a byte on `signal_fd`) at its `freeze_at`-th
// write. Exits 0 if the anonymization ended before that write.
[[noreturn]] void AnonymizeInChild(const std::string& dir, int freeze_at,
                                   int signal_fd) {
  FaultVfs vfs(dir);
  AppProcess app(dir);
  absl::StatusOr<std::unique_ptr<Client>> client = Client::Open(app.options);
  if (!client.ok()) ::_exit(2);
  for (const char* c : kCategories) {
    if (!(*client)->SetConsent(c, true).ok()) ::_exit(3);
  }
  for (int i = 0; i < kEvents; ++i) {
    bool ok = (*client)->Track("log.access", "access", {{"ip", kIp}}).ok() &&
              (*client)
                  ->Track("order", "order",
                          {{"order_id", kOrder}, {"currency", "CNY"}})
                  .ok() &&
              (*client)
                  ->Track("log.search", "search",
                          {{"query", absl::StrCat("kettle-", i)}})
                  .ok();
    if (!ok) ::_exit(4);
  }
  if (!(*client)->Flush(absl::Seconds(30)).ok()) ::_exit(5);
  vfs.FreezeAtWrite(freeze_at, signal_fd);
  if (!(*client)->Anonymize().ok()) ::_exit(6);
  ::_exit(0);
}

// After the restart: every event is there, anonymized, and no identifying
// value is on any decrypted page or in any file.
void ExpectEverythingAnonymizedAndNothingLost(const TestDir& dir,
                                              int freeze_at) {
  SCOPED_TRACE(absl::StrCat("frozen at write ", freeze_at));
  AppProcess app(dir.path());
  std::unique_ptr<Client> client = OpenOrDie(app.options);
  ASSERT_NE(client, nullptr);
  EXPECT_FALSE(util_internal::PathExists(dir.Sub("anonymize.pending")));

  absl::StatusOr<std::string> bytes =
      client->ExportUserData(ExportFormat::kProtobuf);
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  proto::UserDataExport data;
  ASSERT_TRUE(data.ParseFromString(*bytes));
  std::map<std::string, int> counts;
  for (const proto::CategoryExport& c : data.categories()) {
    counts[c.name()] = c.events_size();
    for (const proto::Event& e : c.events()) {
      for (const proto::Attribute& a : e.attributes()) {
        EXPECT_NE(a.key(), "order_id") << c.name();
        if (a.key() == "ip") {
          EXPECT_EQ(a.string_value(), "203.0.113.0");
        }
      }
    }
  }
  for (const char* c : kCategories) EXPECT_EQ(counts[c], kEvents) << c;

  for (const char* c : kCategories) {
    absl::StatusOr<SecretBytes> key = CategoryKeyInEitherSlot(&app.keys, c);
    ASSERT_TRUE(key.ok()) << c << ": " << key.status();
    std::string path = dir.Sub(absl::StrCat("events/", c, ".db"));
    for (absl::string_view secret :
         {absl::string_view(kOrder), absl::string_view(kIp)}) {
      absl::StatusOr<int> hits = DecryptedPagesContaining(path, *key, secret);
      ASSERT_TRUE(hits.ok()) << c << ": " << hits.status();
      EXPECT_EQ(*hits, 0) << c << " holds " << secret;
    }
  }
  EXPECT_THAT(FilesContaining(dir.path(), kOrder), IsEmpty());
  EXPECT_THAT(FilesContaining(dir.path(), kIp), IsEmpty());
  EXPECT_TRUE(client->VerifyLedger().ok());
}

TEST(AnonymizeCrashTest,
     KillNineAtAnyWriteLosesNothingAndKeepsNothingIdentifying) {
  int killed = 0;
  int finished = 0;
  for (int freeze_at = 1; freeze_at < 100000 && finished == 0;
       freeze_at += 1 + freeze_at / 8) {
    TestDir dir;
    int pipe_fds[2];
    ASSERT_EQ(::pipe(pipe_fds), 0);
    pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      ::close(pipe_fds[0]);
      AnonymizeInChild(dir.path(), freeze_at, pipe_fds[1]);
    }
    ::close(pipe_fds[1]);
    char byte = 0;
    const bool frozen = ::read(pipe_fds[0], &byte, 1) == 1;
    ::close(pipe_fds[0]);
    if (frozen) {
      ASSERT_EQ(::kill(child, SIGKILL), 0);
    }
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    if (frozen) {
      ASSERT_TRUE(WIFSIGNALED(status));
      ++killed;
      // Interrupted: the marker makes the next start finish the work.
      EXPECT_TRUE(util_internal::PathExists(dir.Sub("anonymize.pending")));
    } else {
      ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
          << "child failed before the crash point: " << status;
      ++finished;
    }
    ExpectEverythingAnonymizedAndNothingLost(dir, freeze_at);
    if (::testing::Test::HasFailure()) break;
  }
  // The crash points covered the run from its first write to its end.
  std::cout << "killed at " << killed << " crash points, then one run ended\n";
  EXPECT_GE(killed, 10);
  EXPECT_EQ(finished, 1);
}

}  // namespace
}  // namespace telegate
