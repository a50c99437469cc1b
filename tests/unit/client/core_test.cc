// Core's synchronous work driven directly, for interleavings that threads
// only hit by chance.
#include "client/core.h"

#include "gtest/gtest.h"
#include "support/core_fixture.h"
#include "util/files.h"

namespace telegate::client_internal {
namespace {

class CoreTest : public ::telegate::testing::CoreFixture {};

TEST_F(CoreTest, ARevokePendingWhileAnotherTaskRunsStillPurges) {
  ASSERT_TRUE(core_->SetConsent(Id("order"), true).ok());
  CommitOne("order");
  const std::string file = dir_.Sub("events/order.db");
  ASSERT_TRUE(util_internal::PathExists(file));
  // A caller revokes: the gate closes at once, the task is queued...
  gate_.BeginClose(Id("order"));
  // ...and before it runs, the writer runs another caller's task.
  ASSERT_TRUE(core_->SetConsent(Id("log.search"), true).ok());
  // Now the revoke's task.
  gate_.EndClose(Id("order"));
  ASSERT_TRUE(core_->SetConsent(Id("order"), false).ok());
  EXPECT_FALSE(util_internal::PathExists(file));
  EXPECT_FALSE(env_.keys.Has("telegate.category.order"));
}

TEST_F(CoreTest, APrecautionaryCloseIsLiftedWhenNothingChanged) {
  ASSERT_TRUE(core_->SetGuardian(true).ok());
  ASSERT_TRUE(core_->SetMinor(true).ok());
  ASSERT_TRUE(core_->SetConsent(Id("order"), true).ok());
  ASSERT_TRUE(gate_.IsOpen(Id("order")));
  // SetMinor(true) again closes restricted categories on the caller's
  // thread first; guardian consent is on record, so they must reopen.
  gate_.BeginClose(Id("order"));
  gate_.EndClose(Id("order"));
  ASSERT_TRUE(core_->SetMinor(true).ok());
  EXPECT_TRUE(gate_.IsOpen(Id("order")));
}

}  // namespace
}  // namespace telegate::client_internal
