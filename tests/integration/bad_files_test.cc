// Guarantees 4 and 11: a full disk, I/O errors, a read-only directory, and a
// truncated, corrupt, foreign or undecryptable file are each answered by a
// clear status — and the client works afterwards.
#include <linux/capability.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <functional>
#include <thread>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "store/sqlcipher_db.h"
#include "support/client_fixture.h"
#include "support/fault_vfs.h"
#include "support/stored_events.h"
#include "support/test_dir.h"
#include "util/files.h"

namespace telegate {
namespace {

using ::telegate::testing::FaultVfs;
using ::telegate::testing::OpenOrDie;
using ::telegate::testing::ReadStoredEvents;
using ::telegate::testing::StringValues;
using ::telegate::testing::TestDir;
using ::telegate::testing::TestEnv;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

int64_t Buffered(Client* client, const std::string& category) {
  for (const CategoryStatus& s : client->GetCategoryStatus()) {
    if (s.name == category) return s.buffered_events;
  }
  return -1;
}

absl::Status TrackOrders(Client* client, const std::string& prefix, int n) {
  for (int i = 0; i < n; ++i) {
    absl::Status s = client->Track(
        "order", "order", {{"order_id", absl::StrCat(prefix, i)}});
    if (!s.ok()) return s;
  }
  return absl::OkStatus();
}

// PRAGMA integrity_check and cipher_integrity_check of a category's file.
std::vector<std::string> Problems(const std::string& path, KeyStore* keys,
                                  const std::string& key_name) {
  absl::StatusOr<SecretBytes> key = keys->Get(key_name);
  if (!key.ok()) return {key.status().ToString()};
  store_internal::OpenOptions options;
  options.create = false;
  absl::StatusOr<std::unique_ptr<store_internal::SqlcipherDb>> db =
      store_internal::SqlcipherDb::Open(path, *key, options);
  if (!db.ok()) return {db.status().ToString()};
  absl::StatusOr<std::vector<std::string>> problems =
      (*db)->IntegrityProblems();
  if (!problems.ok()) return {problems.status().ToString()};
  return *problems;
}

class BadFilesTest : public ::testing::Test {
 protected:
  std::unique_ptr<Client> Open() {
    auto client = OpenOrDie(env_.Options(dir_.path()));
    if (client) {
      EXPECT_TRUE(client->SetConsent("order", true).ok());
    }
    return client;
  }
  std::vector<std::string> StoredOrders() {
    absl::StatusOr<std::vector<proto::Event>> events =
        ReadStoredEvents(dir_.path(), &env_.keys, "order");
    EXPECT_TRUE(events.ok()) << events.status();
    return events.ok() ? StringValues(*events, "order_id")
                       : std::vector<std::string>();
  }

  TestDir dir_;
  FaultVfs vfs_{dir_.path()};
  TestEnv env_;
};

TEST_F(BadFilesTest, AFullDiskIsAClearStatusAndTheClientCarriesOnAfterwards) {
  auto client = Open();
  ASSERT_NE(client, nullptr);
  ASSERT_TRUE(TrackOrders(client.get(), "before-", 3).ok());
  ASSERT_TRUE(client->Flush(absl::Seconds(10)).ok());
  vfs_.Set(FaultVfs::Fault::kDiskFull);
  ASSERT_TRUE(TrackOrders(client.get(), "lost-", 5).ok());
  absl::Status flushed = client->Flush(absl::Seconds(10));
  EXPECT_EQ(flushed.code(), absl::StatusCode::kResourceExhausted) << flushed;
  EXPECT_GT(vfs_.faults_hit(), 0);
  EXPECT_EQ(client->GetDropCounts().store_error, 5);
  EXPECT_EQ(client->GetStoreHealth().last_error.code(),
            absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(Buffered(client.get(), "order"), 3);

  vfs_.Set(FaultVfs::Fault::kNone);
  ASSERT_TRUE(TrackOrders(client.get(), "after-", 2).ok());
  ASSERT_TRUE(client->Flush(absl::Seconds(10)).ok());
  EXPECT_TRUE(client->GetStoreHealth().last_error.ok());
  EXPECT_EQ(Buffered(client.get(), "order"), 5);
  ASSERT_TRUE(client->Close(absl::Seconds(10)).ok());
  EXPECT_THAT(StoredOrders(), ElementsAre("before-0", "before-1", "before-2",
                                          "after-0", "after-1"));
  EXPECT_THAT(Problems(dir_.Sub("events/order.db"), &env_.keys,
                       "telegate.category.order"),
              IsEmpty());
}

TEST_F(BadFilesTest, AFullDiskBeforeTheFirstFileIsAClearStatusToo) {
  auto client = Open();
  ASSERT_NE(client, nullptr);
  vfs_.Set(FaultVfs::Fault::kDiskFull);
  ASSERT_TRUE(TrackOrders(client.get(), "lost-", 2).ok());
  EXPECT_EQ(client->Flush(absl::Seconds(10)).code(),
            absl::StatusCode::kResourceExhausted);
  vfs_.Set(FaultVfs::Fault::kNone);
  ASSERT_TRUE(TrackOrders(client.get(), "kept-", 2).ok());
  ASSERT_TRUE(client->Flush(absl::Seconds(10)).ok());
  ASSERT_TRUE(client->Close(absl::Seconds(10)).ok());
  EXPECT_THAT(StoredOrders(), ElementsAre("kept-0", "kept-1"));
}

TEST_F(BadFilesTest, AnIoErrorIsAClearStatusAndTheClientCarriesOnAfterwards) {
  auto client = Open();
  ASSERT_NE(client, nullptr);
  ASSERT_TRUE(TrackOrders(client.get(), "before-", 2).ok());
  ASSERT_TRUE(client->Flush(absl::Seconds(10)).ok());
  vfs_.Set(FaultVfs::Fault::kIoError);
  ASSERT_TRUE(TrackOrders(client.get(), "lost-", 2).ok());
  absl::Status flushed = client->Flush(absl::Seconds(10));
  EXPECT_EQ(flushed.code(), absl::StatusCode::kUnavailable) << flushed;
  EXPECT_EQ(client->GetDropCounts().store_error, 2);
  vfs_.Set(FaultVfs::Fault::kNone);
  ASSERT_TRUE(TrackOrders(client.get(), "after-", 1).ok());
  ASSERT_TRUE(client->Flush(absl::Seconds(10)).ok());
  ASSERT_TRUE(client->Close(absl::Seconds(10)).ok());
  EXPECT_THAT(StoredOrders(), ElementsAre("before-0", "before-1", "after-0"));
}

TEST_F(BadFilesTest, CorruptionFoundWhileWritingReplacesTheFileAndKeepsTheBatch) {
  {
    auto client = Open();
    ASSERT_NE(client, nullptr);
    ASSERT_TRUE(TrackOrders(client.get(), "old-", 300).ok());
  }
  auto client = Open();
  ASSERT_NE(client, nullptr);
  ASSERT_EQ(Buffered(client.get(), "order"), 300);
  // The next pages read from the file come back damaged: the append that
  // needs them finds the file corrupt.
  vfs_.CorruptReads(dir_.Sub("events/order.db"), 1000);
  ASSERT_TRUE(TrackOrders(client.get(), "new-", 2).ok());
  absl::Status flushed = client->Flush(absl::Seconds(10));
  ASSERT_TRUE(flushed.ok()) << flushed;
  vfs_.CorruptReads("", 0);
  EXPECT_EQ(Buffered(client.get(), "order"), 2);
  StoreHealth health = client->GetStoreHealth();
  EXPECT_EQ(health.databases_replaced, 1);
  ASSERT_THAT(health.incidents, SizeIs(1));
  EXPECT_EQ(health.incidents[0].problem, StoreProblem::kUndecryptable);
  EXPECT_EQ(health.incidents[0].events_lost, 300);
  EXPECT_EQ(client->GetDropCounts().key_lost, 300);
  EXPECT_EQ(client->GetDropCounts().store_error, 0);
  ASSERT_TRUE(client->Close(absl::Seconds(10)).ok());
  EXPECT_THAT(StoredOrders(), ElementsAre("new-0", "new-1"));
}

TEST_F(BadFilesTest, DamagedEventFilesAtOpenAreReplacedAndReported) {
  const std::string path = dir_.Sub("events/order.db");
  const std::vector<std::pair<const char*, std::function<void()>>> damages = {
      {"truncated",
       [&] {
         std::string bytes = testing::ReadFileOrEmpty(path);
         testing::WriteFileOrDie(path, bytes.substr(0, bytes.size() / 3));
       }},
      {"foreign",
       [&] {
         testing::WriteFileOrDie(path, std::string("SQLite format 3\0", 16) +
                                           std::string(4080, '\0'));
       }},
      {"wrong key", [&] { env_.keys.Put("telegate.category.order",
                                        std::string(32, 'k')); }},
      {"key gone",
       [&] { ASSERT_TRUE(env_.keys.Destroy("telegate.category.order").ok()); }},
  };
  for (const auto& [name, damage] : damages) {
    SCOPED_TRACE(name);
    {
      auto client = Open();
      ASSERT_NE(client, nullptr);
      ASSERT_TRUE(TrackOrders(client.get(), "x-", 200).ok());
      ASSERT_TRUE(client->Flush(absl::Seconds(10)).ok());
    }
    damage();
    auto client = Open();
    ASSERT_NE(client, nullptr) << "never an Open failure";
    // A truncated file may open (its first page is intact) and fail at the
    // first read of a missing page: reading everything finds it either way.
    ASSERT_TRUE(TrackOrders(client.get(), "y-", 1).ok());
    ASSERT_TRUE(client->Flush(absl::Seconds(10)).ok());
    StoreHealth health = client->GetStoreHealth();
    if (health.incidents.empty()) {
      // Only the truncated file can get this far undetected; reading it all
      // (as an upload would) must find the damage.
      ASSERT_STREQ(name, "truncated");
      ASSERT_TRUE(client->Close(absl::Seconds(10)).ok());
      EXPECT_FALSE(ReadStoredEvents(dir_.path(), &env_.keys, "order").ok());
      continue;
    }
    ASSERT_THAT(health.incidents, SizeIs(1));
    EXPECT_EQ(health.incidents[0].file, "events/order.db");
    EXPECT_EQ(health.incidents[0].category, "order");
    EXPECT_FALSE(health.consent_reset);
    ASSERT_TRUE(client->Close(absl::Seconds(10)).ok());
    EXPECT_THAT(StoredOrders(), ElementsAre("y-0"));
    ASSERT_TRUE(util_internal::RemoveFile(path).ok());
    ASSERT_TRUE(env_.keys.Destroy("telegate.category.order").ok());
  }
}

TEST_F(BadFilesTest, ALostConsentDatabaseClosesEverythingAndPurgesItsEvents) {
  {
    auto client = Open();
    ASSERT_NE(client, nullptr);
    ASSERT_TRUE(TrackOrders(client.get(), "x-", 7).ok());
    ASSERT_TRUE(client->Flush(absl::Seconds(10)).ok());
  }
  ASSERT_TRUE(env_.keys.Destroy("telegate.db").ok());  // key store wiped
  auto client = OpenOrDie(env_.Options(dir_.path()));
  ASSERT_NE(client, nullptr);
  StoreHealth health = client->GetStoreHealth();
  EXPECT_TRUE(health.consent_reset);
  ASSERT_THAT(health.incidents, SizeIs(1));
  EXPECT_EQ(health.incidents[0].problem, StoreProblem::kKeyMissing);
  EXPECT_EQ(health.incidents[0].file, "telegate.db");
  for (const CategoryStatus& s : client->GetCategoryStatus()) {
    EXPECT_FALSE(s.open) << s.name << ": consent can no longer be proven";
  }
  EXPECT_EQ(client->GetDropCounts().key_lost, 7);
  EXPECT_FALSE(util_internal::PathExists(dir_.Sub("events/order.db")));
  // A working client: consent again, track again.
  ASSERT_TRUE(client->SetConsent("order", true).ok());
  ASSERT_TRUE(TrackOrders(client.get(), "z-", 1).ok());
  ASSERT_TRUE(client->Flush(absl::Seconds(10)).ok());
  EXPECT_EQ(Buffered(client.get(), "order"), 1);
}

// Runs `fn` in a child process that cannot bypass file permissions (as root,
// it drops CAP_DAC_OVERRIDE and friends), so a read-only directory is really
// read-only. Returns the child's exit code; its stderr carries the details.
int RunWithoutPermissionOverride(const std::function<int()>& fn) {
  fflush(nullptr);
  pid_t pid = fork();
  if (pid == 0) {
    if (geteuid() == 0) {
      __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
      __user_cap_data_struct data[2] = {};
      if (syscall(SYS_capget, &header, data) != 0) _exit(90);
      for (int cap : {CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER}) {
        data[cap / 32].effective &= ~(1u << (cap % 32));
        data[cap / 32].permitted &= ~(1u << (cap % 32));
      }
      if (syscall(SYS_capset, &header, data) != 0) _exit(91);
    }
    _exit(fn());
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 100;
}

TEST(ReadOnlyDirectoryTest, IsAClearStatusAndTheClientWorksOnceWritable) {
  TestDir dir;
  const std::string data = dir.Sub("data");
  ASSERT_EQ(::mkdir(data.c_str(), 0700), 0);
  // The key store lives elsewhere: only the data directory is read-only.
  const std::string keys = dir.Sub("keys");
  ASSERT_EQ(::chmod(data.c_str(), 0500), 0);
  const int rc = RunWithoutPermissionOverride([&] {
    TestEnv env;
    absl::Status s = Client::Open(env.Options(data)).status();
    if (s.code() != absl::StatusCode::kFailedPrecondition) {
      std::fprintf(stderr, "unexpected: %s\n", s.ToString().c_str());
      return 1;
    }
    if (std::string(s.message()).find("not writable") == std::string::npos) {
      std::fprintf(stderr, "unclear: %s\n", s.ToString().c_str());
      return 2;
    }
    return 0;
  });
  EXPECT_EQ(rc, 0);
  ASSERT_EQ(::chmod(data.c_str(), 0700), 0);
  TestEnv env;
  auto client = OpenOrDie(env.Options(data));
  ASSERT_NE(client, nullptr);
  ASSERT_TRUE(client->SetConsent("order", true).ok());
  ASSERT_TRUE(TrackOrders(client.get(), "x-", 1).ok());
  EXPECT_TRUE(client->Flush(absl::Seconds(10)).ok());
}

TEST(ReadOnlyDirectoryTest, AReadOnlyEventsDirectoryFailsCommitsClearly) {
  TestDir dir;
  TestEnv env;
  {
    auto client = OpenOrDie(env.Options(dir.path()));
    ASSERT_NE(client, nullptr);
    ASSERT_TRUE(client->SetConsent("order", true).ok());
    ASSERT_TRUE(client->SetConsent("log.search", true).ok());
    ASSERT_TRUE(TrackOrders(client.get(), "x-", 1).ok());
    ASSERT_TRUE(client->Flush(absl::Seconds(10)).ok());
  }
  // log.search has no file yet; the events directory cannot take one.
  ASSERT_EQ(::chmod(dir.Sub("events").c_str(), 0500), 0);
  const int rc = RunWithoutPermissionOverride([&] {
    absl::StatusOr<std::unique_ptr<Client>> client =
        Client::Open(env.Options(dir.path()));
    if (!client.ok()) {
      std::fprintf(stderr, "open: %s\n", client.status().ToString().c_str());
      return 1;
    }
    // order's file cannot get its WAL: reported, not fatal.
    absl::Status reported = (*client)->GetStoreHealth().last_error;
    if (reported.ok() ||
        std::string(reported.message()).find("order.db") == std::string::npos) {
      std::fprintf(stderr, "health: %s\n", reported.ToString().c_str());
      return 2;
    }
    if (!(*client)->Track("log.search", "search", {{"query", "q"}}).ok()) {
      return 3;
    }
    absl::Status flushed = (*client)->Flush(absl::Seconds(10));
    if (flushed.ok() || (*client)->GetDropCounts().store_error != 1 ||
        (*client)->GetStoreHealth().last_error.ok()) {
      std::fprintf(stderr, "flush: %s\n", flushed.ToString().c_str());
      return 4;
    }
    return 0;
  });
  EXPECT_EQ(rc, 0);
  ASSERT_EQ(::chmod(dir.Sub("events").c_str(), 0700), 0);
  auto client = OpenOrDie(env.Options(dir.path()));
  ASSERT_NE(client, nullptr);
  ASSERT_TRUE(client->Track("log.search", "search", {{"query", "q"}}).ok());
  EXPECT_TRUE(client->Flush(absl::Seconds(10)).ok());
  EXPECT_EQ(Buffered(client.get(), "log.search"), 1);
  EXPECT_EQ(Buffered(client.get(), "order"), 1);
}

}  // namespace
}  // namespace telegate
