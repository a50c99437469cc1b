// Concurrency stress: many threads track, switch consent and OS permissions,
// flush, read status, and finally close — in a random (seeded, repeatable)
// order, for a bounded number of operations. Checks:
//   - the revocation barrier: each time a revoke returns, the category has
//     no file, no data key, and its markers are in no file of the directory;
//   - every call returns a status its contract allows (no crash, no hang);
//   - Close returns OK within a generous timeout while calls are in flight;
//   - afterwards, every surviving event file holds only its own category's
//     events (decrypted pages), and no more rows than were accepted.
//
// Each category's consent has one owner thread (and location.precise's OS
// permission one more), so after its own revoke returns no one else can
// reopen the category before the owner checks the barrier.
//
// Set TELEGATE_STRESS_SEED to replay a run; the seed is printed on failure.
#include <atomic>
#include <cstdlib>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
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
using ::telegate::testing::TestDir;
using ::telegate::testing::TestEnv;
using ::testing::AnyOf;
using ::testing::IsEmpty;

// Categories with a string attribute that carries a marker.
struct MarkedCategory {
  const char* name;
  const char* event;
  const char* key;
};
constexpr MarkedCategory kMarked[] = {
    {"log.search", "search", "query"},
    {"log.access", "access", "browser"},
    {"order", "order", "order_id"},
};
constexpr char kLocation[] = "location.precise";
constexpr char kFinePermission[] = "ACCESS_FINE_LOCATION";

constexpr int kTrackers = 4;
constexpr int kTracksPerTracker = 1500;
constexpr int kTogglesPerOwner = 12;
constexpr int kFlushers = 1;
constexpr int kOpsPerFlusher = 40;
// Close waits until at least this many barriers were checked (or all the
// work is done).
constexpr int kMinBarriersBeforeClose = 8;
// Generous: the sanitizer builds are slow, and a hang is what we look for.
constexpr absl::Duration kTimeout = absl::Seconds(120);

std::string Marker(absl::string_view category) {
  return absl::StrCat("STRESS-", category, "-");
}

uint32_t BaseSeed() {
  uint32_t seed = 0;
  const char* env = std::getenv("TELEGATE_STRESS_SEED");
  if (env != nullptr && absl::SimpleAtoi(env, &seed)) return seed;
  return std::random_device()();
}

class ConcurrencyStressTest : public ::testing::Test {
 protected:
  void SetUp() override {
    seed_ = BaseSeed();
    RecordProperty("seed", static_cast<int>(seed_));
    ClientOptions options = env_.Options(dir_.path());
    options.max_batch_delay = absl::Milliseconds(1);
    options.max_batch_events = 32;
    options.control_timeout = kTimeout;
    absl::StatusOr<std::unique_ptr<Client>> client = Client::Open(options);
    ASSERT_TRUE(client.ok()) << client.status();
    client_ = *std::move(client);
  }

  // What must hold the moment a revoke of `category` has returned OK (and
  // no one else can reopen it).
  void ExpectNothingOf(const std::string& category, bool marked) {
    const std::string file = dir_.Sub(absl::StrCat("events/", category, ".db"));
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      EXPECT_FALSE(util_internal::PathExists(file + suffix))
          << category << suffix << " (seed " << seed_ << ")";
    }
    EXPECT_FALSE(env_.keys.Has(absl::StrCat("telegate.category.", category)))
        << category << " (seed " << seed_ << ")";
    if (marked) {
      EXPECT_THAT(FilesContaining(dir_.path(), Marker(category)), IsEmpty())
          << category << " (seed " << seed_ << ")";
    }
  }

  // Any status a public call may return in this test; OK or not, the call
  // returned (no hang) and did not crash.
  void ExpectAllowed(const absl::Status& s, const char* what) {
    EXPECT_THAT(s.code(),
                AnyOf(absl::StatusCode::kOk, absl::StatusCode::kPermissionDenied,
                      absl::StatusCode::kFailedPrecondition,
                      absl::StatusCode::kResourceExhausted))
        << what << ": " << s << " (seed " << seed_ << ")";
  }

  uint32_t seed_ = 0;
  TestDir dir_;
  TestEnv env_;
  std::unique_ptr<Client> client_;
};

TEST_F(ConcurrencyStressTest, RandomTrackConsentFlushAndCloseKeepTheBarrier) {
  Client* client = client_.get();
  std::atomic<int> running{0};
  constexpr int kMarkedCount = sizeof(kMarked) / sizeof(kMarked[0]);
  std::atomic<int> accepted[kMarkedCount] = {};
  std::atomic<int> barriers_checked{0};

  std::vector<std::thread> threads;
  // Trackers: random categories, random attribute values.
  for (int t = 0; t < kTrackers; ++t) {
    ++running;
    threads.emplace_back([&, t] {
      std::mt19937 rng(seed_ + 1000 + t);
      for (int i = 0; i < kTracksPerTracker; ++i) {
        int pick = static_cast<int>(rng() % 4);
        if (pick < 3) {
          const MarkedCategory& c = kMarked[pick];
          std::string value = absl::StrCat(Marker(c.name), t, "-", i);
          absl::Status s = client->Track(c.name, c.event, {{c.key, value}});
          ExpectAllowed(s, "Track");
          if (s.ok()) ++accepted[pick];
        } else {
          ExpectAllowed(client->Track(kLocation, "fix",
                                      {{"latitude", 31.0 + i * 1e-6},
                                       {"longitude", 121.0}}),
                        "Track");
        }
        if (rng() % 97 == 0) client->GetCategoryStatus();
        if (rng() % 89 == 0) client->GetDropCounts();
        if (rng() % 31 == 0) std::this_thread::yield();
      }
      --running;
    });
  }
  // Consent owners: one per category, toggling it; after each revoke that
  // returns OK, the barrier must hold.
  auto owner = [&](std::string category, bool marked, int index) {
    ++running;
    threads.emplace_back([&, category, marked, index] {
      std::mt19937 rng(seed_ + 2000 + index);
      for (int i = 0; i < kTogglesPerOwner; ++i) {
        bool on = rng() % 2 == 0;
        absl::Status s = client->SetConsent(category, on);
        ExpectAllowed(s, "SetConsent");
        if (!on && s.ok()) {
          ExpectNothingOf(category, marked);
          ++barriers_checked;
        }
        for (int spin = rng() % 200; spin > 0; --spin) std::this_thread::yield();
      }
      --running;
    });
  };
  int index = 0;
  for (const MarkedCategory& c : kMarked) owner(c.name, true, index++);
  owner(kLocation, false, index++);
  // The OS permission of location.precise, from another thread (the
  // listener runs the barrier before Set returns).
  ++running;
  threads.emplace_back([&] {
    std::mt19937 rng(seed_ + 3000);
    for (int i = 0; i < kTogglesPerOwner; ++i) {
      bool granted = rng() % 2 == 0;
      // Set notifies the listener, which runs the barrier — unless Close
      // has just removed it; RefreshPermissions returning OK proves the
      // barrier ran with the permission gone.
      env_.permissions.Set(kFinePermission, granted);
      absl::Status s = client->RefreshPermissions();
      ExpectAllowed(s, "RefreshPermissions");
      if (!granted && s.ok()) {
        ExpectNothingOf(kLocation, false);
        ++barriers_checked;
      }
      for (int spin = rng() % 200; spin > 0; --spin) std::this_thread::yield();
    }
    --running;
  });
  // Flushers.
  for (int f = 0; f < kFlushers; ++f) {
    ++running;
    threads.emplace_back([&, f] {
      std::mt19937 rng(seed_ + 4000 + f);
      for (int i = 0; i < kOpsPerFlusher; ++i) {
        ExpectAllowed(client->Flush(kTimeout), "Flush");
        for (int spin = rng() % 500; spin > 0; --spin) std::this_thread::yield();
      }
      --running;
    });
  }
  // The closer: once a random share of the work is done, Close while the
  // other threads are still calling.
  std::mt19937 rng(seed_);
  const int close_when_running = 1 + static_cast<int>(rng() % 4);
  while (running.load() > close_when_running ||
         (barriers_checked.load() < kMinBarriersBeforeClose &&
          running.load() > 0)) {
    std::this_thread::yield();
  }
  absl::Status close = client->Close(kTimeout);
  EXPECT_TRUE(close.ok()) << close << " (seed " << seed_ << ")";
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(client->Close(kTimeout).code(), absl::StatusCode::kOk)
      << "Close is idempotent";
  EXPECT_EQ(client->Flush(kTimeout).code(),
            absl::StatusCode::kFailedPrecondition);

  // After the storm: each surviving file holds only its own category.
  for (int k = 0; k < kMarkedCount; ++k) {
    const MarkedCategory& c = kMarked[k];
    const std::string file = dir_.Sub(absl::StrCat("events/", c.name, ".db"));
    if (!util_internal::PathExists(file)) continue;
    absl::StatusOr<SecretBytes> key =
        env_.keys.Get(absl::StrCat("telegate.category.", c.name));
    ASSERT_TRUE(key.ok()) << c.name << ": a file without its key";
    absl::StatusOr<int64_t> rows = CountEventRows(file, *key);
    ASSERT_TRUE(rows.ok()) << rows.status();
    EXPECT_LE(*rows, accepted[k].load()) << c.name;
    for (const MarkedCategory& other : kMarked) {
      if (&other == &c) continue;
      absl::StatusOr<int> pages =
          DecryptedPagesContaining(file, *key, Marker(other.name));
      ASSERT_TRUE(pages.ok()) << pages.status();
      EXPECT_EQ(*pages, 0) << other.name << " events in " << c.name << ".db";
    }
  }
  // Encrypted at rest, whatever happened.
  for (const MarkedCategory& c : kMarked) {
    EXPECT_THAT(FilesContaining(dir_.path(), Marker(c.name)), IsEmpty());
  }
  RecordProperty("barriers_checked", barriers_checked.load());
  EXPECT_GE(barriers_checked.load(), 1) << "no revoke was checked";
  if (HasFailure()) ADD_FAILURE() << "replay with TELEGATE_STRESS_SEED=" << seed_;
}

}  // namespace
}  // namespace telegate
