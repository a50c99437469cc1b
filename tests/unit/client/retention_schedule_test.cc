// The writer wakes for retention only while some category holds events:
// with nothing buffered, nothing is scheduled (another guarantee needs the
// client to stay quiet when every category is closed).
#include <memory>

#include "client/core.h"
#include "gtest/gtest.h"
#include "support/client_fixture.h"
#include "support/test_dir.h"

namespace telegate::client_internal {
namespace {

using ::telegate::testing::TestDir;
using ::telegate::testing::TestEnv;

class RetentionScheduleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    options_ = env_.Options(dir_.path());
    options_.retention_sweep_interval = absl::Minutes(15);
    Core::Deps deps;
    deps.options = &options_;
    deps.catalog = *catalog_internal::Catalog::Default();
    catalog_ = deps.catalog;
    deps.gate = &gate_;
    deps.counters = &counters_;
    deps.board = &board_;
    deps.health = &health_;
    core_ = std::make_unique<Core>(std::move(deps));
    ASSERT_TRUE(core_->Startup().ok());
  }
  // Commits one event captured `age` ago.
  void CommitOne(const std::string& category,
                 absl::Duration age = absl::ZeroDuration()) {
    catalog_internal::CategoryId id = *catalog_->Find(category);
    std::optional<consent_internal::GrantToken> grant = gate_.TryGrant(id);
    ASSERT_TRUE(grant.has_value());
    QueuedEvent e{*grant, absl::ToUnixMillis(env_.clock.Now() - age), 1, "x"};
    core_->pending()->push_back(std::move(e));
    core_->CommitPending();
    ASSERT_TRUE(core_->TakeCommitError().ok());
  }

  TestDir dir_;
  TestEnv env_;
  ClientOptions options_;
  std::shared_ptr<const catalog_internal::Catalog> catalog_;
  consent_internal::Gate gate_;
  Counters counters_;
  StatusBoard board_;
  HealthBoard health_;
  std::unique_ptr<Core> core_;
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
