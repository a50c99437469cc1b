// Guarantee 3: revocation is a barrier. When the revoke returns, no event of
// the category is in the database or any file of the data directory, and an
// event captured before the revoke is never stored. The tests read the bytes:
// the files raw, and the decrypted pages of every database that remains.
#include <atomic>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "support/client_fixture.h"
#include "support/forensics.h"
#include "support/test_dir.h"
#include "util/files.h"

namespace telegate {
namespace {

using ::telegate::testing::CountEventRows;
using ::telegate::testing::DecryptedPagesContaining;
using ::telegate::testing::FilesContaining;
using ::telegate::testing::OpenOrDie;
using ::telegate::testing::TestDir;
using ::telegate::testing::TestEnv;
using ::testing::IsEmpty;

constexpr char kRevoked[] = "REVOKED-MARKER";
constexpr char kKept[] = "KEPT-MARKER";

SecretBytes KeyOrDie(testing::FakeKeyStore* keys, const std::string& name) {
  absl::StatusOr<SecretBytes> key = keys->Get(name);
  EXPECT_TRUE(key.ok()) << name << ": " << key.status();
  return key.ok() ? *std::move(key) : SecretBytes();
}

// Producers track log.search (to be revoked) and order (kept) until stopped.
class Producers {
 public:
  Producers(Client* client, int threads) {
    for (int t = 0; t < threads; ++t) {
      threads_.emplace_back([this, client, t] {
        for (int i = 0; !stop_.load(); ++i) {
          std::string q = absl::StrCat(kRevoked, "-", t, "-", i);
          if (client->Track("log.search", "search", {{"query", q}}).ok()) {
            ++revoked_ok_;
          }
          std::string o = absl::StrCat(kKept, "-", t, "-", i);
          if (client->Track("order", "order", {{"order_id", o}}).ok()) {
            ++kept_ok_;
          }
          if (i % 64 == 0) std::this_thread::yield();
        }
      });
    }
  }
  ~Producers() { Stop(); }
  void WaitForProgress(int at_least) {
    while (revoked_ok_.load() < at_least) std::this_thread::yield();
  }
  void Stop() {
    stop_ = true;
    for (std::thread& t : threads_) {
      if (t.joinable()) t.join();
    }
  }
  int kept_ok() const { return kept_ok_.load(); }

 private:
  std::atomic<bool> stop_{false};
  std::atomic<int> revoked_ok_{0};
  std::atomic<int> kept_ok_{0};
  std::vector<std::thread> threads_;
};

class RevocationBarrierTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ClientOptions options = env_.Options(dir_.path());
    options.max_batch_delay = absl::Milliseconds(2);
    options.max_batch_events = 64;
    client_ = OpenOrDie(options);
    ASSERT_NE(client_, nullptr);
    ASSERT_TRUE(client_->SetConsent("log.search", true).ok());
    ASSERT_TRUE(client_->SetConsent("order", true).ok());
  }

  // What must hold the moment a revoke of log.search has returned.
  void ExpectNothingOfTheRevokedCategoryRemains() {
    const std::string file = dir_.Sub("events/log.search.db");
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      EXPECT_FALSE(util_internal::PathExists(file + suffix)) << suffix;
    }
    EXPECT_FALSE(env_.keys.Has("telegate.category.log.search"));
    EXPECT_THAT(FilesContaining(dir_.path(), kRevoked), IsEmpty());
  }

  TestDir dir_;
  TestEnv env_;
  std::unique_ptr<Client> client_;
};

TEST_F(RevocationBarrierTest, ConcurrentProducersLeaveNothingOnceRevokeReturns) {
  Producers producers(client_.get(), 4);
  producers.WaitForProgress(2000);
  ASSERT_TRUE(client_->SetConsent("log.search", false).ok());
  // Producers are still running; the barrier holds right now.
  ExpectNothingOfTheRevokedCategoryRemains();
  producers.Stop();
  ASSERT_TRUE(client_->Flush(absl::Seconds(30)).ok());
  ExpectNothingOfTheRevokedCategoryRemains();

  // The kept category's database: the revoked marker is in no decrypted
  // page, and the kept marker is (positive control for the scan).
  SecretBytes order_key = KeyOrDie(&env_.keys, "telegate.category.order");
  const std::string order_file = dir_.Sub("events/order.db");
  absl::StatusOr<int> revoked_pages =
      DecryptedPagesContaining(order_file, order_key, kRevoked);
  ASSERT_TRUE(revoked_pages.ok()) << revoked_pages.status();
  EXPECT_EQ(*revoked_pages, 0);
  absl::StatusOr<int> kept_pages =
      DecryptedPagesContaining(order_file, order_key, kKept);
  ASSERT_TRUE(kept_pages.ok());
  EXPECT_GT(*kept_pages, 0);
  absl::StatusOr<int64_t> rows = CountEventRows(order_file, order_key);
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(*rows, producers.kept_ok()) << "no kept event lost";
  // Encrypted at rest: the kept marker is in no raw file either.
  EXPECT_THAT(FilesContaining(dir_.path(), kKept), IsEmpty());
  // The consent database never holds event contents.
  SecretBytes db_key = KeyOrDie(&env_.keys, "telegate.db");
  absl::StatusOr<int> consent_pages =
      DecryptedPagesContaining(dir_.Sub("telegate.db"), db_key, kRevoked);
  ASSERT_TRUE(consent_pages.ok()) << consent_pages.status();
  EXPECT_EQ(*consent_pages, 0);
  EXPECT_GT(client_->GetDropCounts().revoked, 0);
}

TEST_F(RevocationBarrierTest, RevokeAndRegrantRacingProducersKeepOnlyLaterEpochs) {
  Producers producers(client_.get(), 3);
  for (int round = 0; round < 5; ++round) {
    producers.WaitForProgress(500 * (round + 1));
    ASSERT_TRUE(client_->SetConsent("log.search", false).ok());
    ExpectNothingOfTheRevokedCategoryRemains();
    ASSERT_TRUE(client_->SetConsent("log.search", true).ok());
  }
  ASSERT_TRUE(client_->SetConsent("log.search", false).ok());
  producers.Stop();
  ASSERT_TRUE(client_->Flush(absl::Seconds(30)).ok());
  ExpectNothingOfTheRevokedCategoryRemains();
}

TEST_F(RevocationBarrierTest, EventsQueuedBeforeTheRevokeAreNeverStored) {
  // A writer that would wait an hour to commit: the events sit in memory.
  ASSERT_TRUE(client_->Close(absl::Seconds(10)).ok());
  client_.reset();
  ClientOptions options = env_.Options(dir_.path());
  options.max_batch_delay = absl::Hours(1);
  options.max_batch_events = 100000;
  client_ = OpenOrDie(options);
  ASSERT_NE(client_, nullptr);
  for (int i = 0; i < 100; ++i) {
    ASSERT_TRUE(client_
                    ->Track("log.search", "search",
                            {{"query", absl::StrCat("BEFORE-MARKER-", i)}})
                    .ok());
  }
  ASSERT_TRUE(client_->SetConsent("log.search", false).ok());
  ASSERT_TRUE(client_->SetConsent("log.search", true).ok());
  for (int i = 0; i < 100; ++i) {
    ASSERT_TRUE(client_
                    ->Track("log.search", "search",
                            {{"query", absl::StrCat("AFTER-MARKER-", i)}})
                    .ok());
  }
  ASSERT_TRUE(client_->Flush(absl::Seconds(10)).ok());

  SecretBytes key = KeyOrDie(&env_.keys, "telegate.category.log.search");
  const std::string file = dir_.Sub("events/log.search.db");
  EXPECT_EQ(*CountEventRows(file, key), 100);
  EXPECT_EQ(*DecryptedPagesContaining(file, key, "BEFORE-MARKER"), 0);
  EXPECT_GT(*DecryptedPagesContaining(file, key, "AFTER-MARKER"), 0);
  EXPECT_EQ(client_->GetDropCounts().revoked, 100);
}

TEST_F(RevocationBarrierTest, AnOsRevokeFromAnotherThreadIsABarrierToo) {
  env_.permissions.Set("ACCESS_FINE_LOCATION", true);
  ASSERT_TRUE(client_->SetConsent("location.precise", true).ok());
  std::atomic<bool> stop{false};
  std::atomic<int> tracked{0};
  std::thread producer([&] {
    for (int i = 0; !stop.load(); ++i) {
      if (client_
              ->Track("location.precise", "fix",
                      {{"latitude", 31.0 + i * 1e-6}, {"longitude", 121.0}})
              .ok()) {
        ++tracked;
      }
    }
  });
  while (tracked.load() < 1000) std::this_thread::yield();
  std::thread revoker(
      [&] { env_.permissions.Set("ACCESS_FINE_LOCATION", false); });
  revoker.join();  // Set returns after the listener's barrier
  const std::string file = dir_.Sub("events/location.precise.db");
  EXPECT_FALSE(util_internal::PathExists(file));
  EXPECT_FALSE(env_.keys.Has("telegate.category.location.precise"));
  stop = true;
  producer.join();
  ASSERT_TRUE(client_->Flush(absl::Seconds(10)).ok());
  EXPECT_FALSE(util_internal::PathExists(file));
}

}  // namespace
}  // namespace telegate
