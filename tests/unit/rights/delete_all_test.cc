// Account cancellation: everything goes, only the record of the deletion
// stays, and a deletion interrupted by kill -9 completes at the next open.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "support/client_fixture.h"
#include "support/forensics.h"
#include "support/test_dir.h"
#include "telegate/desktop/desktop_permission_source.h"
#include "telegate/desktop/file_key_store.h"
#include "telegate/batch.pb.h"
#include "telegate/ledger.pb.h"
#include "util/files.h"

namespace telegate {
namespace {

using ::telegate::testing::DecryptedPagesContaining;
using ::telegate::testing::FilesContaining;
using ::telegate::testing::OpenOrDie;
using ::telegate::testing::TestDir;
using ::telegate::testing::TestEnv;
using ::testing::IsEmpty;

constexpr char kMarker[] = "DELETE-ME-MARKER";

std::vector<proto::LedgerEntry> Ledger(Client* client) {
  proto::LedgerExport ledger;
  absl::StatusOr<std::string> bytes = client->ExportLedger();
  EXPECT_TRUE(bytes.ok()) << bytes.status();
  EXPECT_TRUE(ledger.ParseFromString(bytes.ok() ? *bytes : ""));
  std::vector<proto::LedgerEntry> entries;
  for (const proto::LedgerRecord& r : ledger.records()) {
    entries.emplace_back();
    EXPECT_TRUE(entries.back().ParseFromString(r.entry()));
  }
  return entries;
}

void FillWithData(Client* client) {
  ASSERT_TRUE(client->AcceptPolicy("1.0").ok());
  ASSERT_TRUE(client->SetMinor(true).ok());
  ASSERT_TRUE(client->SetGuardianConsent(true).ok());
  for (const char* c : {"log.search", "order", "location.precise"}) {
    ASSERT_TRUE(client->SetConsent(c, true).ok());
  }
  for (int i = 0; i < 20; ++i) {
    ASSERT_TRUE(client
                    ->Track("log.search", "search",
                            {{"query", absl::StrCat(kMarker, "-", i)}})
                    .ok());
    ASSERT_TRUE(client->Track("order", "order", {{"order_id", kMarker}}).ok());
    ASSERT_TRUE(client->Track("location.precise", "fix", {{"latitude", 1.5}}).ok());
  }
  ASSERT_TRUE(client->Flush(absl::Seconds(10)).ok());
}

void ExpectOnlyTheRecordOfTheDeletion(Client* client, const TestDir& dir,
                                      testing::FakeKeyStore* keys) {
  EXPECT_THAT(util_internal::ListFiles(dir.Sub("events")).value(), IsEmpty());
  EXPECT_THAT(FilesContaining(dir.path(), kMarker), IsEmpty());
  for (const CategoryStatus& s : client->GetCategoryStatus()) {
    EXPECT_FALSE(s.open) << s.name;
    EXPECT_FALSE(s.consent_on) << s.name;
    EXPECT_EQ(s.buffered_events, 0) << s.name;
  }
  auto ledger = Ledger(client);
  ASSERT_EQ(ledger.size(), 1u);
  EXPECT_EQ(ledger[0].kind(), proto::DELETE_ALL);
  EXPECT_TRUE(client->VerifyLedger().ok());
  if (keys != nullptr) {
    EXPECT_EQ(keys->size(), 1u) << "only the new database key remains";
    absl::StatusOr<SecretBytes> key = keys->Get("telegate.db");
    ASSERT_TRUE(key.ok());
    absl::StatusOr<int> hits =
        DecryptedPagesContaining(dir.Sub("telegate.db"), *key, kMarker);
    ASSERT_TRUE(hits.ok()) << hits.status();
    EXPECT_EQ(*hits, 0);
  }
}

TEST(DeleteAllTest, DestroysEverythingAndKeepsOnlyTheRecordOfTheDeletion) {
  TestDir dir;
  TestEnv env;
  env.permissions.SetQuietly("ACCESS_FINE_LOCATION", true);
  auto client = OpenOrDie(env.Options(dir.path()));
  ASSERT_NE(client, nullptr);
  FillWithData(client.get());
  absl::StatusOr<SecretBytes> old_db_key = env.keys.Get("telegate.db");
  ASSERT_TRUE(old_db_key.ok());

  ASSERT_TRUE(client->DeleteAllData().ok());

  ExpectOnlyTheRecordOfTheDeletion(client.get(), dir, &env.keys);
  EXPECT_EQ(Ledger(client.get())[0].purged_events(), 60);
  EXPECT_EQ(client->Track("log.search", "search", {{"query", "x"}}).code(),
            absl::StatusCode::kPermissionDenied);
  // The old key cannot open what is there now; the old history is gone.
  absl::StatusOr<int> with_old_key =
      DecryptedPagesContaining(dir.Sub("telegate.db"), *old_db_key, "x");
  EXPECT_EQ(with_old_key.status().code(), absl::StatusCode::kDataLoss);
  // The minor flag and accepted policy went with the rest.
  ASSERT_TRUE(client->Close(absl::Seconds(10)).ok());
  client = OpenOrDie(env.Options(dir.path()));
  ASSERT_NE(client, nullptr);
  ASSERT_TRUE(client->SetConsent("order", true).ok());
  for (const CategoryStatus& s : client->GetCategoryStatus()) {
    if (s.name == "order") {
      EXPECT_TRUE(s.open) << "no minor flag left";
    }
  }
}

// A data dir with data, closed as a crash right after DeleteAll recorded
// its intent (the marker) would leave it.
void LeaveAnInterruptedDeletion(const TestDir& dir, TestEnv* env) {
  env->permissions.SetQuietly("ACCESS_FINE_LOCATION", true);
  auto client = OpenOrDie(env->Options(dir.path()));
  ASSERT_NE(client, nullptr);
  FillWithData(client.get());
  ASSERT_TRUE(client->Close(absl::Seconds(10)).ok());
  client.reset();
  ASSERT_TRUE(util_internal::WriteFileDurably(dir.Sub("delete-all.pending"), "")
                  .ok());
}

// The next open finishes the deletion before anything else.
std::unique_ptr<Client> ReopenAndExpectTheDeletionDone(const TestDir& dir,
                                                       TestEnv* env) {
  auto client = OpenOrDie(env->Options(dir.path()));
  EXPECT_NE(client, nullptr);
  if (client == nullptr) return nullptr;
  ExpectOnlyTheRecordOfTheDeletion(client.get(), dir, &env->keys);
  EXPECT_FALSE(util_internal::PathExists(dir.Sub("delete-all.pending")));
  return client;
}

TEST(DeleteAllTest, AnInterruptedDeletionCompletesAtTheNextOpen) {
  TestDir dir;
  TestEnv env;
  ASSERT_NO_FATAL_FAILURE(LeaveAnInterruptedDeletion(dir, &env));
  EXPECT_NE(ReopenAndExpectTheDeletionDone(dir, &env), nullptr);
}

// The crash came after the old database's key was destroyed but before its
// file was removed: the file is unreadable, and the deletion still ends with
// only its own record (the unreadable file is not reported as a loss of
// consent state the user still had).
TEST(DeleteAllTest, AnInterruptedDeletionWhoseDatabaseKeyIsGoneCompletes) {
  TestDir dir;
  TestEnv env;
  ASSERT_NO_FATAL_FAILURE(LeaveAnInterruptedDeletion(dir, &env));
  ASSERT_TRUE(env.keys.Destroy("telegate.db").ok());
  std::unique_ptr<Client> client = ReopenAndExpectTheDeletionDone(dir, &env);
  ASSERT_NE(client, nullptr);
  StoreHealth health = client->GetStoreHealth();
  EXPECT_FALSE(health.consent_reset) << "a deletion, not a damaged store";
  EXPECT_EQ(health.databases_replaced, 0);
}

// A key store that stops the world when the deletion reaches the database
// key: the test then kills the process with SIGKILL.
class FreezingKeyStore : public KeyStore {
 public:
  FreezingKeyStore(KeyStore* real, int signal_fd)
      : real_(real), signal_fd_(signal_fd) {}
  absl::StatusOr<SecretBytes> Get(absl::string_view name) override {
    return real_->Get(name);
  }
  absl::StatusOr<SecretBytes> Create(absl::string_view name) override {
    return real_->Create(name);
  }
  absl::Status Destroy(absl::string_view name) override {
    if (name == "telegate.db") {
      char byte = 1;
      (void)!::write(signal_fd_, &byte, 1);
      for (;;) ::pause();
    }
    return real_->Destroy(name);
  }

 private:
  KeyStore* real_;
  int signal_fd_;
};

TEST(DeleteAllTest, KillNineInTheMiddleOfADeletionStillDeletesEverything) {
  TestDir dir;
  int pipe_fds[2];
  ASSERT_EQ(::pipe(pipe_fds), 0);
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    // Child: a real app process with desktop key files.
    ::close(pipe_fds[0]);
    desktop::FileKeyStore files(dir.Sub("keys"));
    FreezingKeyStore keys(&files, pipe_fds[1]);
    desktop::DesktopPermissionSource os;
    Env env;
    env.permissions = &os;
    env.key_store = &keys;
    ClientOptions options;
    options.data_dir = dir.path();
    options.env = &env;
    if (!os.Set("READ_PHONE_STATE", true).ok()) ::_exit(2);
    auto client = Client::Open(options);
    if (!client.ok()) ::_exit(2);
    for (const char* c : {"log.search", "order", "device.identifiers"}) {
      if (!(*client)->SetConsent(c, true).ok()) ::_exit(3);
    }
    // Creates the install id the deletion request will retire.
    if (!(*client)->Collect("device.identifiers").ok()) ::_exit(3);
    for (int i = 0; i < 50; ++i) {
      (*client)->Track("log.search", "search", {{"query", kMarker}}).IgnoreError();
      (*client)->Track("order", "order", {{"order_id", kMarker}}).IgnoreError();
    }
    if (!(*client)->Flush(absl::Seconds(10)).ok()) ::_exit(4);
    (*client)->DeleteAllData().IgnoreError();  // freezes inside
    ::_exit(5);
  }
  ::close(pipe_fds[1]);
  char byte = 0;
  ASSERT_EQ(::read(pipe_fds[0], &byte, 1), 1) << "child did not reach the freeze";
  ::close(pipe_fds[0]);
  ASSERT_EQ(::kill(child, SIGKILL), 0);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status));
  // The category files went before the freeze; the consent database is
  // still there, readable, with the old history — until the next open.
  EXPECT_TRUE(util_internal::PathExists(dir.Sub("delete-all.pending")));

  desktop::FileKeyStore files(dir.Sub("keys"));
  desktop::DesktopPermissionSource os;
  Env env;
  env.permissions = &os;
  env.key_store = &files;
  ClientOptions options;
  options.data_dir = dir.path();
  options.env = &env;
  auto client = OpenOrDie(options);
  ASSERT_NE(client, nullptr);
  ExpectOnlyTheRecordOfTheDeletion(client.get(), dir, nullptr);
  EXPECT_FALSE(util_internal::PathExists(dir.Sub("delete-all.pending")));
  EXPECT_EQ(util_internal::ListFiles(dir.Sub("keys")).value(),
            std::vector<std::string>{"telegate.db.key"});
  // The deletion request survived the kill: it waits for an endpoint.
  ASSERT_TRUE(client->SetEndpoints({{"http://127.0.0.1:9/v1", "CN"}}).ok());
  absl::StatusOr<UploadTask> task = client->GetUploadTask();
  ASSERT_TRUE(task.ok()) << task.status();
  ASSERT_EQ(task->kind, UploadTask::Kind::kUpload);
  proto::UploadBody body;
  ASSERT_TRUE(body.ParseFromString(task->request.body));
  ASSERT_EQ(body.deletion_request().install_ids_size(), 1);
  EXPECT_EQ(body.deletion_request().install_ids(0).size(), 36u) << "a UUID";
  EXPECT_EQ(body.header().event_count(), 0u);
}

}  // namespace
}  // namespace telegate
