// StatusNotifier on its own: ordering, the bound and its coalescing, and
// stopping, with a bound small enough to see exactly what is kept.
#include "client/status_notifier.h"

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace telegate::client_internal {
namespace {

using ::testing::ElementsAre;

CategoryChange Change(const std::string& category, bool open) {
  CategoryChange c;
  c.category = category;
  c.open = open;
  if (!open) c.reasons.push_back(ClosedReason::kConsentOff);
  return c;
}

// An observer that blocks in its first call until released and records
// "category:open|closed". Thread-safe.
class Blocking {
 public:
  StatusObserver Observer() {
    return [this](const CategoryChange& c) {
      std::unique_lock<std::mutex> lock(mu_);
      seen_.push_back(absl::StrCat(c.category, c.open ? ":open" : ":closed"));
      entered_ = true;
      cv_.notify_all();
      cv_.wait(lock, [&] { return released_; });
    };
  }
  void WaitEntered() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return entered_; });
  }
  void Release() {
    std::lock_guard<std::mutex> lock(mu_);
    released_ = true;
    cv_.notify_all();
  }
  std::vector<std::string> seen() {
    std::lock_guard<std::mutex> lock(mu_);
    return seen_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool entered_ = false;
  bool released_ = false;
  std::vector<std::string> seen_;
};

TEST(StatusNotifierTest, DeliversEverythingInOrderBelowTheBound) {
  StatusNotifier notifier(8);
  Blocking observer;
  ASSERT_TRUE(notifier.Add(observer.Observer()).ok());
  notifier.Post(Change("a", true));
  observer.WaitEntered();
  notifier.Post(Change("b", true));
  notifier.Post(Change("a", false));
  notifier.Post(Change("b", false));
  EXPECT_EQ(notifier.pending_for_testing(), 3u);
  observer.Release();
  ASSERT_TRUE(notifier.Stop(absl::Now() + absl::Seconds(10)).ok());
  EXPECT_THAT(observer.seen(),
              ElementsAre("a:open", "b:open", "a:closed", "b:closed"));
}

TEST(StatusNotifierTest, PastTheBoundEachCategoryKeepsItsLatestState) {
  StatusNotifier notifier(4);
  Blocking observer;
  ASSERT_TRUE(notifier.Add(observer.Observer()).ok());
  notifier.Post(Change("first", true));
  observer.WaitEntered();  // in progress: no longer pending
  notifier.Post(Change("a", true));
  notifier.Post(Change("b", true));
  notifier.Post(Change("a", false));
  notifier.Post(Change("c", true));
  EXPECT_EQ(notifier.pending_for_testing(), 4u);
  // Full: compacted to the latest of each category in the order of those
  // (b:open, a:closed, c:open), then appended.
  notifier.Post(Change("b", false));
  EXPECT_EQ(notifier.pending_for_testing(), 4u);
  for (int i = 0; i < 100; ++i) {
    notifier.Post(Change("c", i % 2 == 0));
    EXPECT_LE(notifier.pending_for_testing(), 4u);
  }
  observer.Release();
  ASSERT_TRUE(notifier.Stop(absl::Now() + absl::Seconds(10)).ok());
  // Every category's last word is its final state.
  EXPECT_THAT(observer.seen(), ElementsAre("first:open", "a:closed", "b:closed",
                                           "c:open", "c:closed"));
}

TEST(StatusNotifierTest, NothingIsQueuedWithoutAnObserverOrAfterStop) {
  StatusNotifier notifier(4);
  notifier.Post(Change("a", true));
  EXPECT_EQ(notifier.pending_for_testing(), 0u);
  EXPECT_TRUE(notifier.Stop(absl::Now()).ok()) << "no thread was started";
  EXPECT_EQ(notifier.Add([](const CategoryChange&) {}).status().code(),
            absl::StatusCode::kFailedPrecondition);
  notifier.Post(Change("a", true));
  EXPECT_EQ(notifier.pending_for_testing(), 0u);
}

TEST(StatusNotifierTest, StopPastItsDeadlineDropsWhatIsPending) {
  auto notifier = std::make_unique<StatusNotifier>(8);
  // Shared with the thread, which outlives the notifier here.
  auto observer = std::make_shared<Blocking>();
  ASSERT_TRUE(notifier
                  ->Add([observer](const CategoryChange& c) {
                    observer->Observer()(c);
                  })
                  .ok());
  notifier->Post(Change("a", true));
  observer->WaitEntered();
  notifier->Post(Change("a", false));
  EXPECT_EQ(notifier->Stop(absl::Now() + absl::Milliseconds(50)).code(),
            absl::StatusCode::kDeadlineExceeded);
  EXPECT_EQ(notifier->pending_for_testing(), 0u);
  notifier.reset();  // the thread still runs the observer: left detached
  observer->Release();
  // The detached thread finishes its call and exits without another one;
  // give it the chance to misbehave before looking.
  for (int i = 0; i < 100; ++i) std::this_thread::yield();
  EXPECT_THAT(observer->seen(), ElementsAre("a:open"));
}

}  // namespace
}  // namespace telegate::client_internal
