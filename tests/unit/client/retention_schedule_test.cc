// The writer wakes for retention only while some category holds events:
// with nothing buffered, nothing is scheduled (another guarantee needs the
// client to stay quiet when every category is closed).
#include <memory>

#include "client/core.h"
#include "gtest/gtest.h"
#include "support/core_fixture.h"

namespace telegate::client_internal {
namespace {

class RetentionScheduleTest : public ::telegate::testing::CoreFixture {
 protected:
  void Configure(ClientOptions* options) override {
    options->retention_sweep_interval = absl::Minutes(15);
  }
};

TEST_F(RetentionScheduleTest, NothingIsScheduledWhileNothingIsBuffered) {
  EXPECT_EQ(core_->TimeUntilRetention(), absl::InfiniteDuration());
  ASSERT_TRUE(core_->SetConsent(*catalog_->Find("log.search"), true).ok());
  EXPECT_EQ(core_->TimeUntilRetention(), absl::InfiniteDuration())
      << "open but empty";
  CommitOne("log.search");
  EXPECT_NE(core_->TimeUntilRetention(), absl::InfiniteDuration());
  ASSERT_TRUE(core_->SetConsent(*catalog_->Find("log.search"), false).ok());
  EXPECT_EQ(core_->TimeUntilRetention(), absl::InfiniteDuration())
      << "revoked: nothing left to wake for";
}

TEST_F(RetentionScheduleTest, TheWakeUpIsWhenTheOldestEventExpires) {
  ASSERT_TRUE(core_->SetConsent(*catalog_->Find("log.search"), true).ok());
  CommitOne("log.search");  // 30-day retention
  EXPECT_EQ(core_->TimeUntilRetention(), absl::Hours(24 * 30));
  env_.clock.Advance(absl::Hours(24 * 30));
  EXPECT_EQ(core_->TimeUntilRetention(), absl::ZeroDuration());
  core_->MaybeEnforceRetention();
  EXPECT_EQ(counters_.Get(DropReason::kExpired), 1);
  EXPECT_EQ(core_->TimeUntilRetention(), absl::InfiniteDuration());
}

TEST_F(RetentionScheduleTest, SweepsAreNoMoreFrequentThanTheInterval) {
  ASSERT_TRUE(core_->SetConsent(*catalog_->Find("log.search"), true).ok());
  CommitOne("log.search");
  env_.clock.Advance(absl::Hours(24 * 30));
  core_->MaybeEnforceRetention();  // sweeps now
  EXPECT_EQ(counters_.Get(DropReason::kExpired), 1);
  // An event that expires in a minute: the next sweep still waits for the
  // interval since the last one.
  CommitOne("log.search", absl::Hours(24 * 30) - absl::Minutes(1));
  EXPECT_EQ(core_->TimeUntilRetention(), absl::Minutes(15));
  env_.clock.Advance(absl::Minutes(15));
  EXPECT_EQ(core_->TimeUntilRetention(), absl::ZeroDuration());
}

}  // namespace
}  // namespace telegate::client_internal
