// Status observers through the client: every source of a transition is
// reported, in order, on the notification thread; removal, exceptions and
// slow observers never hurt the client.
#include <pthread.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "support/client_fixture.h"
#include "support/test_dir.h"

namespace telegate {
namespace {

using ::telegate::testing::OpenOrDie;
using ::telegate::testing::PolicyAt;
using ::telegate::testing::TestDir;
using ::telegate::testing::TestEnv;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr absl::Duration kTimeout = absl::Seconds(10);

// "location.precise closed os permission_missing(ACCESS_FINE_LOCATION)".
std::string Describe(const CategoryChange& c) {
  std::string out = absl::StrCat(c.category, c.open ? " open " : " closed ",
                                 ChangeSourceName(c.source));
  std::vector<std::string> reasons;
  for (ClosedReason r : c.reasons) {
    std::string reason = ClosedReasonName(r);
    if (r == ClosedReason::kPermissionMissing) {
      absl::StrAppend(&reason, "(", absl::StrJoin(c.missing_permissions, ","),
                      ")");
    }
    reasons.push_back(std::move(reason));
  }
  if (!reasons.empty()) absl::StrAppend(&out, " ", absl::StrJoin(reasons, ","));
  return out;
}

// Records what an observer is told. Thread-safe.
class Recorder {
 public:
  StatusObserver Observer() {
    return [this](const CategoryChange& change) {
      char name[16] = {};
      pthread_getname_np(pthread_self(), name, sizeof(name));
      std::lock_guard<std::mutex> lock(mu_);
      seen_.push_back(Describe(change));
      threads_.push_back(name);
      cv_.notify_all();
    };
  }
  // Waits (up to kTimeout) until `n` notifications arrived; returns all.
  std::vector<std::string> WaitFor(size_t n) {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait_for(lock, absl::ToChronoSeconds(kTimeout),
                 [&] { return seen_.size() >= n; });
    return seen_;
  }
  std::vector<std::string> seen() {
    std::lock_guard<std::mutex> lock(mu_);
    return seen_;
  }
  std::vector<std::string> threads() {
    std::lock_guard<std::mutex> lock(mu_);
    return threads_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::string> seen_;
  std::vector<std::string> threads_;
};

// A gate an observer can wait on. Thread-safe.
class Latch {
 public:
  void Open() {
    std::lock_guard<std::mutex> lock(mu_);
    open_ = true;
    cv_.notify_all();
  }
  bool WaitOpen() {
    std::unique_lock<std::mutex> lock(mu_);
    return cv_.wait_for(lock, absl::ToChronoSeconds(kTimeout),
                        [&] { return open_; });
  }
  bool is_open() {
    std::lock_guard<std::mutex> lock(mu_);
    return open_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool open_ = false;
};

class StatusObserverTest : public ::testing::Test {
 protected:
  std::unique_ptr<Client> Open(StatusObserver at_start = nullptr,
                               const std::string& policy = "") {
    ClientOptions options = env_.Options(dir_.path());
    options.status_observer = std::move(at_start);
    options.policy_document = policy;
    return OpenOrDie(options);
  }

  // Opens log.search, closes it, opens order; the recorder hears all three.
  void ThreeTransitionsReachTheRecorder(Client* client) {
    ASSERT_TRUE(client->SetConsent("log.search", true).ok());
    ASSERT_TRUE(client->SetConsent("log.search", false).ok());
    ASSERT_TRUE(client->SetConsent("order", true).ok());
    EXPECT_THAT(
        recorder_.WaitFor(3),
        ElementsAre("log.search open user",
                    "log.search closed user consent_off", "order open user"));
  }

  TestDir dir_;
  TestEnv env_;
  Recorder recorder_;
};

TEST_F(StatusObserverTest, EveryLiveTransitionIsReportedInOrderWithItsSource) {
  env_.permissions.SetQuietly("ACCESS_FINE_LOCATION", true);
  auto client = Open();
  ASSERT_NE(client, nullptr);
  ASSERT_TRUE(client->AddStatusObserver(recorder_.Observer()).ok());

  ASSERT_TRUE(client->SetConsent("log.search", true).ok());
  ASSERT_TRUE(client->SetConsent("location.precise", true).ok());
  env_.permissions.Set("ACCESS_FINE_LOCATION", false);  // the OS listener
  env_.permissions.SetQuietly("ACCESS_FINE_LOCATION", true);
  ASSERT_TRUE(client->RefreshPermissions().ok());  // onResume
  env_.permissions.SetQuietly("ACCESS_FINE_LOCATION", false);
  ASSERT_TRUE(client->RefreshPermissions().ok());
  env_.permissions.Set("ACCESS_FINE_LOCATION", true);
  ASSERT_TRUE(client->SetMinor(true).ok());
  ASSERT_TRUE(client->SetGuardianConsent(true).ok());
  ASSERT_TRUE(client->SetConsent("log.search", false).ok());
  ASSERT_TRUE(client->DeleteAllData().ok());

  EXPECT_THAT(
      recorder_.WaitFor(10),
      ElementsAre(
          "log.search open user", "location.precise open user",
          "location.precise closed os permission_missing(ACCESS_FINE_LOCATION)",
          "location.precise open host",
          "location.precise closed host "
          "permission_missing(ACCESS_FINE_LOCATION)",
          "location.precise open os", "location.precise closed host minor",
          "location.precise open host", "log.search closed user consent_off",
          "location.precise closed user consent_off"));
  for (const std::string& thread : recorder_.threads()) {
    EXPECT_EQ(thread, "telegate-notify");
  }
  ASSERT_TRUE(client->Close(kTimeout).ok());
  EXPECT_EQ(recorder_.seen().size(), 10u) << "nothing that did not happen";
}

TEST_F(StatusObserverTest, NoChangeReportsNothing) {
  auto client = Open();
  ASSERT_NE(client, nullptr);
  ASSERT_TRUE(client->AddStatusObserver(recorder_.Observer()).ok());
  ASSERT_TRUE(client->SetConsent("log.search", false).ok());  // already off
  ASSERT_TRUE(
      client->SetConsent("location.precise", true).ok());  // no permission
  ASSERT_TRUE(client->RefreshPermissions().ok());
  ASSERT_TRUE(client->SetMinor(false).ok());
  ASSERT_TRUE(client->SetConsent("log.search", true).ok());  // the one change
  EXPECT_THAT(recorder_.WaitFor(1), ElementsAre("log.search open user"));
  ASSERT_TRUE(client->Close(kTimeout).ok());
  EXPECT_EQ(recorder_.seen().size(), 1u);
}

TEST_F(StatusObserverTest, TransitionsAtOpenReachTheObserverOfTheOptions) {
  env_.permissions.SetQuietly("ACCESS_FINE_LOCATION", true);
  auto client = Open();
  ASSERT_NE(client, nullptr);
  ASSERT_TRUE(client->SetConsent("location.precise", true).ok());
  ASSERT_TRUE(client->SetConsent("log.search", true).ok());
  ASSERT_TRUE(client->Close(kTimeout).ok());

  // Revoked while the app was not running (Android kills the process).
  env_.permissions.SetQuietly("ACCESS_FINE_LOCATION", false);
  Recorder dead_revoke;
  client = Open(dead_revoke.Observer());
  ASSERT_NE(client, nullptr);
  ASSERT_TRUE(client->Close(kTimeout).ok());
  EXPECT_THAT(dead_revoke.seen(),
              ElementsAre("location.precise closed startup "
                          "permission_missing(ACCESS_FINE_LOCATION)"))
      << "log.search stayed open: not a transition";

  // Granted again in the system settings while the app was not running.
  env_.permissions.SetQuietly("ACCESS_FINE_LOCATION", true);
  Recorder regrant;
  client = Open(regrant.Observer());
  ASSERT_NE(client, nullptr);
  ASSERT_TRUE(client->Close(kTimeout).ok());
  EXPECT_THAT(regrant.seen(), ElementsAre("location.precise open startup"));

  // The app updates to a policy that needs every consent renewed.
  Recorder update;
  client = Open(update.Observer(), PolicyAt(2, 0, 1, /*reconsent_all=*/true));
  ASSERT_NE(client, nullptr);
  EXPECT_THAT(update.WaitFor(2),
              ElementsAre("location.precise closed startup policy_reconsent",
                          "log.search closed startup policy_reconsent"));
  // Accepting the policy alone opens nothing; the user's new consent does.
  ASSERT_TRUE(client->AcceptPolicy("2.0").ok());
  ASSERT_TRUE(client->SetConsent("log.search", true).ok());
  ASSERT_TRUE(client->Close(kTimeout).ok());
  EXPECT_THAT(update.seen(),
              ElementsAre("location.precise closed startup policy_reconsent",
                          "log.search closed startup policy_reconsent",
                          "log.search open user"));
}

TEST_F(StatusObserverTest,
       TheStatusShowsTheTransitionWhenTheObserverHearsOfIt) {
  env_.permissions.SetQuietly("ACCESS_FINE_LOCATION", true);
  auto client = Open();
  ASSERT_NE(client, nullptr);
  std::mutex mu;
  std::condition_variable cv;
  int calls = 0;
  int agreed = 0;
  Client* raw = client.get();
  ASSERT_TRUE(raw->AddStatusObserver([&](const CategoryChange& change) {
                   bool agrees = false;
                   for (const CategoryStatus& s : raw->GetCategoryStatus()) {
                     if (s.name == change.category && s.open == change.open) {
                       agrees = true;
                     }
                   }
                   std::lock_guard<std::mutex> lock(mu);
                   ++calls;
                   if (agrees) ++agreed;
                   cv.notify_all();
                 })
                  .ok());
  // Each change waits for its notification, so no later change can have
  // superseded the status the observer reads.
  int expected = 0;
  auto heard = [&] {
    std::unique_lock<std::mutex> lock(mu);
    return cv.wait_for(lock, absl::ToChronoSeconds(kTimeout),
                       [&] { return calls >= expected; });
  };
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(client->SetConsent("location.precise", true).ok());
    ++expected;
    ASSERT_TRUE(heard());
    env_.permissions.Set("ACCESS_FINE_LOCATION", false);
    ++expected;
    ASSERT_TRUE(heard());
    env_.permissions.SetQuietly("ACCESS_FINE_LOCATION", true);
    ASSERT_TRUE(client->RefreshPermissions().ok());
    ++expected;
    ASSERT_TRUE(heard());
    ASSERT_TRUE(client->SetConsent("location.precise", false).ok());
    ++expected;
    ASSERT_TRUE(heard());
  }
  ASSERT_TRUE(client->Close(kTimeout).ok());
  std::lock_guard<std::mutex> lock(mu);
  EXPECT_EQ(calls, 20);
  EXPECT_EQ(agreed, calls);
}

TEST_F(StatusObserverTest, AnObserverMayRemoveItselfFromItsOwnCallback) {
  auto client = Open();
  ASSERT_NE(client, nullptr);
  std::atomic<int> self_removing_calls{0};
  std::atomic<uint64_t> self_id{0};
  absl::Status removal = absl::UnknownError("not called");
  std::mutex removal_mu;
  Client* raw = client.get();
  Latch registered;
  auto id = raw->AddStatusObserver([&](const CategoryChange&) {
    ++self_removing_calls;
    registered.WaitOpen();
    absl::Status s = raw->RemoveStatusObserver(self_id.load());
    std::lock_guard<std::mutex> lock(removal_mu);
    removal = s;
  });
  ASSERT_TRUE(id.ok());
  self_id = *id;
  registered.Open();
  ASSERT_TRUE(client->AddStatusObserver(recorder_.Observer()).ok());

  ThreeTransitionsReachTheRecorder(client.get());
  ASSERT_TRUE(client->Close(kTimeout).ok());
  EXPECT_EQ(self_removing_calls.load(), 1);
  std::lock_guard<std::mutex> lock(removal_mu);
  EXPECT_TRUE(removal.ok()) << removal;
}

TEST_F(StatusObserverTest, RemoveWaitsForACallInProgressThenNeverCallsAgain) {
  auto client = Open();
  ASSERT_NE(client, nullptr);
  Latch entered;
  Latch release;
  std::atomic<int> calls{0};
  std::atomic<bool> in_call{false};
  std::atomic<bool> removed{false};
  std::atomic<int> calls_after_removed{0};
  auto id = client->AddStatusObserver([&](const CategoryChange&) {
    if (removed.load()) ++calls_after_removed;
    in_call = true;
    ++calls;
    entered.Open();
    release.WaitOpen();
    in_call = false;
  });
  ASSERT_TRUE(id.ok());
  ASSERT_TRUE(client->SetConsent("log.search", true).ok());
  ASSERT_TRUE(entered.WaitOpen());

  std::atomic<bool> in_call_when_removed{true};
  std::thread remover([&] {
    EXPECT_TRUE(client->RemoveStatusObserver(*id).ok());
    in_call_when_removed = in_call.load();
    removed = true;
  });
  // Remove is blocked by the call in progress (and the client is not).
  ASSERT_TRUE(client->SetConsent("log.search", false).ok());
  EXPECT_FALSE(removed.load());
  release.Open();
  remover.join();
  EXPECT_FALSE(in_call_when_removed.load())
      << "Remove returned while the observer was still running";
  ASSERT_TRUE(client->SetConsent("order", true).ok());
  ASSERT_TRUE(client->Close(kTimeout).ok());
  EXPECT_EQ(calls_after_removed.load(), 0) << "called after Remove returned";
  // The close of log.search may still reach it if the remover thread only
  // got to Remove once the first call had returned; "order" never does.
  EXPECT_GE(calls.load(), 1);
  EXPECT_LE(calls.load(), 2);
}

TEST_F(StatusObserverTest, AThrowingObserverHurtsNeitherTheClientNorOthers) {
  auto client = Open();
  ASSERT_NE(client, nullptr);
  std::atomic<int> throws{0};
  ASSERT_TRUE(client
                  ->AddStatusObserver([&](const CategoryChange& change) {
                    ++throws;
                    if (change.open) throw std::runtime_error("host bug");
                    throw 42;  // not even a std::exception
                  })
                  .ok());
  ASSERT_TRUE(client->AddStatusObserver(recorder_.Observer()).ok());
  ThreeTransitionsReachTheRecorder(client.get());
  EXPECT_TRUE(client->Track("order", "order", {{"order_id", "A-1"}}).ok());
  ASSERT_TRUE(client->Close(kTimeout).ok());
  EXPECT_EQ(throws.load(), 3);
}

TEST_F(StatusObserverTest, ASlowObserverBlocksNothingAndItsQueueIsBounded) {
  auto client = Open();
  ASSERT_NE(client, nullptr);
  Latch release;
  std::mutex mu;
  std::vector<std::string> seen;
  ASSERT_TRUE(client
                  ->AddStatusObserver([&](const CategoryChange& change) {
                    release.WaitOpen();
                    std::lock_guard<std::mutex> lock(mu);
                    seen.push_back(Describe(change));
                  })
                  .ok());
  // 399 transitions while the observer is stuck in its first call: no call
  // waits for it (if one did, this loop would never end).
  constexpr int kRounds = 100;
  for (int i = 0; i < kRounds; ++i) {
    ASSERT_TRUE(client->SetConsent("log.search", true).ok());
    ASSERT_TRUE(client->Track("log.search", "search", {{"query", "q"}}).ok());
    ASSERT_TRUE(client->SetConsent("order", true).ok());
    ASSERT_TRUE(client->SetConsent("log.search", false).ok());
    if (i + 1 < kRounds) {
      ASSERT_TRUE(client->SetConsent("order", false).ok());
    }
  }
  EXPECT_FALSE(release.is_open());
  release.Open();
  ASSERT_TRUE(client->Close(kTimeout).ok());

  std::lock_guard<std::mutex> lock(mu);
  // One in progress plus at most the bound (64): not the 399 that happened.
  EXPECT_LE(seen.size(), 65u);
  EXPECT_GE(seen.size(), 2u);
  // The final states survived the coalescing, and came last.
  std::string last_search;
  std::string last_order;
  for (const std::string& s : seen) {
    if (s.rfind("log.search", 0) == 0) last_search = s;
    if (s.rfind("order", 0) == 0) last_order = s;
  }
  EXPECT_EQ(last_search, "log.search closed user consent_off");
  EXPECT_EQ(last_order, "order open user");
}

TEST_F(StatusObserverTest, CloseDeliversWhatIsPendingThenStops) {
  auto client = Open();
  ASSERT_NE(client, nullptr);
  Latch release;
  Recorder recorder;
  StatusObserver record = recorder.Observer();
  ASSERT_TRUE(client
                  ->AddStatusObserver([&](const CategoryChange& change) {
                    release.WaitOpen();
                    record(change);
                  })
                  .ok());
  ASSERT_TRUE(client->SetConsent("log.search", true).ok());
  ASSERT_TRUE(client->SetConsent("order", true).ok());
  ASSERT_TRUE(client->SetConsent("log.search", false).ok());
  EXPECT_THAT(recorder.seen(), IsEmpty());
  std::thread releaser([&] { release.Open(); });
  ASSERT_TRUE(client->Close(kTimeout).ok());
  releaser.join();
  EXPECT_THAT(recorder.seen(),
              ElementsAre("log.search open user", "order open user",
                          "log.search closed user consent_off"));
  EXPECT_EQ(client->AddStatusObserver(recorder.Observer()).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

TEST_F(StatusObserverTest, CloseGivesUpOnAnObserverThatDoesNotReturn) {
  auto client = Open();
  ASSERT_NE(client, nullptr);
  auto entered = std::make_shared<Latch>();
  auto release = std::make_shared<Latch>();
  auto returned = std::make_shared<Latch>();
  auto calls = std::make_shared<std::atomic<int>>(0);
  ASSERT_TRUE(client
                  ->AddStatusObserver([entered, release, returned,
                                       calls](const CategoryChange&) {
                    ++*calls;
                    entered->Open();
                    release->WaitOpen();
                    returned->Open();
                  })
                  .ok());
  ASSERT_TRUE(client->SetConsent("log.search", true).ok());
  ASSERT_TRUE(client->SetConsent("log.search", false).ok());
  // The first call is under way (else a slow notification thread would
  // have nothing in progress when Close's deadline passes).
  ASSERT_TRUE(entered->WaitOpen());
  EXPECT_EQ(client->Close(absl::Milliseconds(200)).code(),
            absl::StatusCode::kDeadlineExceeded);
  release->Open();
  ASSERT_TRUE(returned->WaitOpen());
  client.reset();
  EXPECT_EQ(calls->load(), 1) << "what was pending at the deadline is dropped";
}

TEST_F(StatusObserverTest, BadCallsAreRefused) {
  auto client = Open();
  ASSERT_NE(client, nullptr);
  EXPECT_EQ(client->AddStatusObserver(nullptr).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(client->RemoveStatusObserver(12345).code(),
            absl::StatusCode::kNotFound);
  auto id = client->AddStatusObserver(recorder_.Observer());
  ASSERT_TRUE(id.ok());
  EXPECT_NE(*id, 0u);
  EXPECT_TRUE(client->RemoveStatusObserver(*id).ok());
  EXPECT_EQ(client->RemoveStatusObserver(*id).code(),
            absl::StatusCode::kNotFound);
  ASSERT_TRUE(client->SetConsent("log.search", true).ok());
  ASSERT_TRUE(client->Close(kTimeout).ok());
  EXPECT_THAT(recorder_.seen(), IsEmpty());
  EXPECT_STREQ(ChangeSourceName(ChangeSource::kPolicy), "policy");
}

TEST_F(StatusObserverTest, AnObserverMayCloseTheClient) {
  auto client = Open();
  ASSERT_NE(client, nullptr);
  Client* raw = client.get();
  Latch closed;
  absl::Status close_status = absl::UnknownError("not called");
  ASSERT_TRUE(raw->AddStatusObserver([&](const CategoryChange&) {
                   if (closed.is_open()) return;
                   close_status = raw->Close(kTimeout);
                   closed.Open();
                 })
                  .ok());
  ASSERT_TRUE(client->SetConsent("log.search", true).ok());
  ASSERT_TRUE(closed.WaitOpen());
  EXPECT_TRUE(close_status.ok()) << close_status;
  EXPECT_EQ(client->SetConsent("log.search", false).code(),
            absl::StatusCode::kFailedPrecondition);
  client.reset();
}

TEST_F(StatusObserverTest, ManyThreadsAddRemoveAndTrackWhileCategoriesFlip) {
  env_.permissions.SetQuietly("ACCESS_FINE_LOCATION", true);
  auto client = Open();
  ASSERT_NE(client, nullptr);
  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([&] {
      while (!stop.load()) {
        auto id = client->AddStatusObserver([](const CategoryChange&) {});
        ASSERT_TRUE(id.ok());
        ASSERT_TRUE(client->RemoveStatusObserver(*id).ok());
      }
    });
  }
  threads.emplace_back([&] {
    while (!stop.load()) {
      client->Track("log.search", "search", {{"query", "q"}}).IgnoreError();
    }
  });
  ASSERT_TRUE(client->AddStatusObserver(recorder_.Observer()).ok());
  for (int i = 0; i < 20; ++i) {
    ASSERT_TRUE(client->SetConsent("log.search", i % 2 == 0).ok());
    env_.permissions.Set("ACCESS_FINE_LOCATION", i % 2 == 1);
  }
  EXPECT_EQ(recorder_.WaitFor(20).size(), 20u);
  stop = true;
  for (std::thread& t : threads) t.join();
  ASSERT_TRUE(client->Close(kTimeout).ok());
}

}  // namespace
}  // namespace telegate
