// A revoke made while the disk is full (SPEC guarantee 3): the call answers
// an error, but the revoke holds — also after a restart, before anything
// else runs — and is never undone by the old state on disk. The same for a
// minor flag that closes categories. Driven twice: with the fault VFS (every
// SQLite write fails) and on a real full file system (a small tmpfs in a
// private mount namespace, where the machine allows one).
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "support/client_fixture.h"
#include "support/fault_vfs.h"
#include "support/fresh_process.h"
#include "support/test_dir.h"
#include "telegate/desktop/file_key_store.h"
#include "telegate/ledger.pb.h"
#include "util/files.h"

namespace telegate {
namespace {

using ::telegate::testing::FaultVfs;
using ::telegate::testing::OpenOrDie;
using ::telegate::testing::TestDir;
using ::telegate::testing::TestEnv;
using ::testing::Contains;

CategoryStatus StatusOf(Client* client, const std::string& name) {
  for (const CategoryStatus& s : client->GetCategoryStatus()) {
    if (s.name == name) return s;
  }
  return CategoryStatus();
}

// True if the ledger holds a revoke of `category` recorded at start-up.
bool LedgerHasStartupRevoke(Client* client, const std::string& category) {
  absl::StatusOr<std::string> bytes = client->ExportLedger();
  proto::LedgerExport ledger;
  if (!bytes.ok() || !ledger.ParseFromString(*bytes)) return false;
  for (const proto::LedgerRecord& r : ledger.records()) {
    proto::LedgerEntry e;
    if (e.ParseFromString(r.entry()) && e.kind() == proto::CONSENT_REVOKED &&
        e.source() == proto::STARTUP && e.category() == category) {
      return true;
    }
  }
  return false;
}

absl::Status TrackSearches(Client* client, int n) {
  for (int i = 0; i < n; ++i) {
    absl::Status s = client->Track("log.search", "search",
                                   {{"query", absl::StrCat("q", i)}});
    if (!s.ok()) return s;
  }
  return client->Flush(absl::Seconds(10));
}

absl::Status TrackFix(Client* client) {
  return client->Track("location.precise", "fix",
                       {{"latitude", 31.2}, {"longitude", 121.4}});
}

class FullDiskRevokeTest : public ::testing::Test {
 protected:
  // Opens a client on the full disk: it may refuse to open (nothing runs
  // then, which keeps the revoke too); if it opens, `category` is closed.
  void ExpectClosedIfItOpensWhileFull(const std::string& category) {
    absl::StatusOr<std::unique_ptr<Client>> client =
        Client::Open(env_.Options(dir_.path()));
    if (!client.ok()) return;
    EXPECT_FALSE(StatusOf(client->get(), category).open);
    EXPECT_FALSE(StatusOf(client->get(), category).consent_on);
    (*client)->Close(absl::Seconds(10)).IgnoreError();
  }

  TestDir dir_;
  FaultVfs vfs_{dir_.path()};
  TestEnv env_;
};

TEST_F(FullDiskRevokeTest, ARevokeThatCouldNotBeWrittenHoldsAfterARestart) {
  {
    auto client = OpenOrDie(env_.Options(dir_.path()));
    ASSERT_NE(client, nullptr);
    ASSERT_TRUE(client->SetConsent("log.search", true).ok());
    ASSERT_TRUE(TrackSearches(client.get(), 3).ok());
    vfs_.Set(FaultVfs::Fault::kDiskFull);
    absl::Status revoked = client->SetConsent("log.search", false);
    EXPECT_FALSE(revoked.ok()) << "the disk is full: the call says so";
    EXPECT_EQ(client->Track("log.search", "search", {{"query", "x"}}).code(),
              absl::StatusCode::kPermissionDenied);
    client->Close(absl::Seconds(10)).IgnoreError();
  }
  ExpectClosedIfItOpensWhileFull("log.search");

  vfs_.Set(FaultVfs::Fault::kNone);  // space again: the old row says "on"
  auto client = OpenOrDie(env_.Options(dir_.path()));
  ASSERT_NE(client, nullptr);
  CategoryStatus s = StatusOf(client.get(), "log.search");
  EXPECT_FALSE(s.open);
  EXPECT_FALSE(s.consent_on);
  EXPECT_THAT(s.reasons, Contains(ClosedReason::kConsentOff));
  EXPECT_EQ(s.buffered_events, 0);
  EXPECT_EQ(client->Track("log.search", "search", {{"query", "x"}}).code(),
            absl::StatusCode::kPermissionDenied);
  EXPECT_TRUE(LedgerHasStartupRevoke(client.get(), "log.search"));
  EXPECT_FALSE(util_internal::PathExists(dir_.Sub("events/log.search.db")));
  // Once recorded it stays recorded: a second restart changes nothing.
  ASSERT_TRUE(client->Close(absl::Seconds(10)).ok());
  client = OpenOrDie(env_.Options(dir_.path()));
  ASSERT_NE(client, nullptr);
  EXPECT_FALSE(StatusOf(client.get(), "log.search").consent_on);
  // And the user can consent again.
  ASSERT_TRUE(client->SetConsent("log.search", true).ok());
  EXPECT_TRUE(StatusOf(client.get(), "log.search").open);
}

TEST_F(FullDiskRevokeTest,
       AMinorFlagThatCouldNotBeWrittenStillClosesAfterARestart) {
  env_.permissions.SetQuietly("ACCESS_FINE_LOCATION", true);
  {
    auto client = OpenOrDie(env_.Options(dir_.path()));
    ASSERT_NE(client, nullptr);
    ASSERT_TRUE(client->SetConsent("location.precise", true).ok());
    ASSERT_TRUE(client->SetConsent("log.search", true).ok());
    ASSERT_TRUE(TrackFix(client.get()).ok());
    ASSERT_TRUE(client->Flush(absl::Seconds(10)).ok());
    vfs_.Set(FaultVfs::Fault::kDiskFull);
    EXPECT_FALSE(client->SetMinor(true).ok());
    EXPECT_EQ(TrackFix(client.get()).code(),
              absl::StatusCode::kPermissionDenied);
    client->Close(absl::Seconds(10)).IgnoreError();
  }
  ExpectClosedIfItOpensWhileFull("location.precise");

  vfs_.Set(FaultVfs::Fault::kNone);
  auto client = OpenOrDie(env_.Options(dir_.path()));
  ASSERT_NE(client, nullptr);
  EXPECT_FALSE(StatusOf(client.get(), "location.precise").open);
  EXPECT_EQ(TrackFix(client.get()).code(), absl::StatusCode::kPermissionDenied);
  EXPECT_FALSE(
      util_internal::PathExists(dir_.Sub("events/location.precise.db")));
  EXPECT_TRUE(StatusOf(client.get(), "log.search").open)
      << "what the flag does not close stays as it was";
}

// The same revoke on a real file system that is full: a 1 MiB tmpfs holding
// the data directory and the key files, in a private mount namespace of a
// child process (the test re-runs itself in a fresh, single-threaded
// process: support/fresh_process.h).
constexpr int kNoNamespace = 77;
// Set in the child: the mount point.
constexpr char kChildMountVariable[] = "TELEGATE_FULL_DISK_CHILD_MOUNT";

#define REQUIRE(cond)                                                        \
  do {                                                                       \
    if (!(cond)) {                                                           \
      std::fprintf(stderr, "FAILED %s:%d: %s\n", __FILE__, __LINE__, #cond); \
      std::_Exit(1);                                                         \
    }                                                                        \
  } while (0)

bool MountPrivateTmpfs(const std::string& where) {
  if (::unshare(CLONE_NEWNS) != 0 &&
      ::unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0) {
    return false;
  }
  if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
    return false;
  }
  return ::mount("tmpfs", where.c_str(), "tmpfs", MS_NOSUID | MS_NODEV,
                 "size=1m,mode=0700") == 0;
}

// Writes until the file system says it is full.
bool FillUp(const std::string& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) return false;
  char block[4096] = {};
  while (::write(fd, block, sizeof(block)) > 0) {
  }
  const bool full = errno == ENOSPC;
  ::close(fd);
  return full;
}

void RevokeOnARealFullDisk(const std::string& mount_point) {
  if (!MountPrivateTmpfs(mount_point)) std::_Exit(kNoNamespace);
  const std::string data = mount_point + "/data";
  REQUIRE(::mkdir(data.c_str(), 0700) == 0);
  TestEnv env;
  desktop::FileKeyStore keys(mount_point + "/keys");
  env.env.key_store = &keys;
  {
    absl::StatusOr<std::unique_ptr<Client>> client =
        Client::Open(env.Options(data));
    REQUIRE(client.ok());
    REQUIRE((*client)->SetConsent("log.search", true).ok());
    REQUIRE(TrackSearches(client->get(), 50).ok());
    REQUIRE(FillUp(mount_point + "/filler"));
    // The barrier still runs; the record of it cannot be written.
    REQUIRE(!(*client)->SetConsent("log.search", false).ok());
    REQUIRE((*client)->Track("log.search", "search", {{"query", "x"}}).code() ==
            absl::StatusCode::kPermissionDenied);
    (*client)->Close(absl::Seconds(10)).IgnoreError();
  }
  {
    // Still full: it either does not open or opens with the category closed.
    absl::StatusOr<std::unique_ptr<Client>> client =
        Client::Open(env.Options(data));
    if (client.ok()) {
      REQUIRE(!StatusOf(client->get(), "log.search").open);
      (*client)->Close(absl::Seconds(10)).IgnoreError();
    }
  }
  REQUIRE(::unlink((mount_point + "/filler").c_str()) == 0);
  absl::StatusOr<std::unique_ptr<Client>> client =
      Client::Open(env.Options(data));
  REQUIRE(client.ok());
  REQUIRE(!StatusOf(client->get(), "log.search").open);
  REQUIRE(!StatusOf(client->get(), "log.search").consent_on);
  REQUIRE((*client)->Track("log.search", "search", {{"query", "x"}}).code() ==
          absl::StatusCode::kPermissionDenied);
  REQUIRE(LedgerHasStartupRevoke(client->get(), "log.search"));
  REQUIRE(!util_internal::PathExists(data + "/events/log.search.db"));
  REQUIRE((*client)->Close(absl::Seconds(10)).ok());
  std::_Exit(0);
}

TEST(FullDiskRevokeOnTmpfsTest, ARevokeOnAFullFileSystemHoldsAfterARestart) {
  if (const char* child_mount = std::getenv(kChildMountVariable)) {
    RevokeOnARealFullDisk(child_mount);  // the child; never returns
  }
  TestDir dir;
  const std::string mount_point = dir.Sub("fs");
  ASSERT_EQ(::mkdir(mount_point.c_str(), 0700), 0);
  const int status =
      testing::RerunThisTestInAFreshProcess(kChildMountVariable, mount_point);
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  EXPECT_TRUE(code == 0 || code == kNoNamespace) << "wait status " << status;
  if (code == kNoNamespace) {
    GTEST_SKIP() << "no private mount namespace on this machine (unshare or "
                    "mount refused); the fault-VFS tests above still run";
  }
}

}  // namespace
}  // namespace telegate
