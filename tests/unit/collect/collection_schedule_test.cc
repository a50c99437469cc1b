// CollectionSchedule on a virtual-time scheduler: timers exist only for open
// categories with a collector and a schedule; closing cancels them; a timer
// that fired after a close is stale.
#include "collect/collection_schedule.h"

#include <vector>

#include "catalog/catalog.h"
#include "fakes/fake_task_scheduler.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace telegate::collect_internal {
namespace {

using ::telegate::testing::FakeTaskScheduler;
using ::testing::ElementsAre;

class CollectionScheduleTest : public ::testing::Test {
 protected:
  CollectionScheduleTest()
      : catalog_(*catalog_internal::Catalog::Default()),
        schedule_(*catalog_, &scheduler_, HasCollector(),
                  [this](int id, uint64_t ticket) {
                    fired_.push_back({id, ticket});
                  }) {}

  std::vector<bool> HasCollector() {
    std::vector<bool> has(catalog_->size(), true);
    has[Id("log.search")] = has[Id("order")] = false;
    return has;
  }
  int Id(const char* name) { return *catalog_->Find(name); }

  std::shared_ptr<const catalog_internal::Catalog> catalog_;
  FakeTaskScheduler scheduler_;
  std::vector<std::pair<int, uint64_t>> fired_;
  CollectionSchedule schedule_;
};

TEST_F(CollectionScheduleTest, NothingIsScheduledUntilACategoryOpens) {
  EXPECT_EQ(scheduler_.scheduled(), 0);
  EXPECT_EQ(schedule_.armed(), 0);
  schedule_.OnClosed(Id("device.basic"));  // closing what never opened
  EXPECT_EQ(scheduler_.scheduled(), 0);
}

TEST_F(CollectionScheduleTest, AtStartFiresAtOnceThenEveryInterval) {
  const int basic = Id("device.basic");  // at start and daily
  schedule_.OnOpened(basic);
  EXPECT_THAT(scheduler_.PendingDelays(), ElementsAre(absl::ZeroDuration()));
  scheduler_.RunDue();
  ASSERT_EQ(fired_.size(), 1u);
  EXPECT_TRUE(schedule_.OnFired(basic, fired_[0].second));
  EXPECT_THAT(scheduler_.PendingDelays(), ElementsAre(absl::Hours(24)));
  EXPECT_EQ(schedule_.armed(), 1);
}

TEST_F(CollectionScheduleTest, IntervalOnlyWaitsForTheFirstInterval) {
  schedule_.OnOpened(Id("device.usage"));  // daily, not at start
  EXPECT_THAT(scheduler_.PendingDelays(), ElementsAre(absl::Hours(24)));
}

TEST_F(CollectionScheduleTest, OnRequestCategoriesAndTrackCategoriesGetNoTimer) {
  for (const char* name : {"location.precise", "location.wifi",
                           "location.bluetooth", "location.cell", "log.search",
                           "order"}) {
    schedule_.OnOpened(Id(name));
  }
  EXPECT_EQ(scheduler_.scheduled(), 0);
}

TEST_F(CollectionScheduleTest, ClosingCancelsAndMakesAFiredTimerStale) {
  const int coarse = Id("location.coarse");
  schedule_.OnOpened(coarse);
  scheduler_.RunDue();  // fired, not yet handled by the writer
  ASSERT_EQ(fired_.size(), 1u);
  schedule_.OnClosed(coarse);
  EXPECT_FALSE(schedule_.OnFired(coarse, fired_[0].second));
  EXPECT_EQ(scheduler_.pending(), 0u);
  EXPECT_EQ(schedule_.armed(), 0);
  // Reopening arms a fresh timer; the old ticket stays stale.
  schedule_.OnOpened(coarse);
  EXPECT_FALSE(schedule_.OnFired(coarse, fired_[0].second));
  EXPECT_EQ(scheduler_.pending(), 1u);
}

TEST_F(CollectionScheduleTest, OpeningTwiceArmsOnce) {
  schedule_.OnOpened(Id("device.basic"));
  schedule_.OnOpened(Id("device.basic"));
  EXPECT_EQ(scheduler_.scheduled(), 1);
}

TEST_F(CollectionScheduleTest, CancelAllLeavesNothingPending) {
  schedule_.OnOpened(Id("device.basic"));
  schedule_.OnOpened(Id("network.carrier"));
  schedule_.CancelAll();
  EXPECT_EQ(scheduler_.pending(), 0u);
  EXPECT_EQ(schedule_.armed(), 0);
}

TEST(CollectionScheduleNoSchedulerTest, WithoutASchedulerNothingHappens) {
  auto catalog = *catalog_internal::Catalog::Default();
  CollectionSchedule schedule(*catalog, nullptr,
                              std::vector<bool>(catalog->size(), true),
                              [](int, uint64_t) {});
  schedule.OnOpened(0);
  EXPECT_EQ(schedule.armed(), 0);
  schedule.OnClosed(0);
}

}  // namespace
}  // namespace telegate::collect_internal
