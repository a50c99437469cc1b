// Core's synchronous work driven directly, for interleavings that threads
// only hit by chance.
#include "client/core.h"

#include "catalog/catalog.h"
#include "gtest/gtest.h"
#include "support/client_fixture.h"
#include "support/test_dir.h"
#include "util/files.h"

namespace telegate::client_internal {
namespace {

using ::telegate::testing::TestDir;
using ::telegate::testing::TestEnv;

class CoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    options_ = env_.Options(dir_.path());
    catalog_ = *catalog_internal::Catalog::Default();
    Core::Deps deps;
    deps.options = &options_;
    deps.catalog = catalog_;
    deps.gate = &gate_;
    deps.counters = &counters_;
    deps.board = &board_;
    core_ = std::make_unique<Core>(std::move(deps));
    ASSERT_TRUE(core_->Startup().ok());
  }
  catalog_internal::CategoryId Id(const char* name) {
    return *catalog_->Find(name);
  }
  // Commits one event of `name` through the gate, as the writer does.
  void CommitOne(const char* name) {
    std::optional<consent_internal::GrantToken> grant = gate_.TryGrant(Id(name));
    ASSERT_TRUE(grant.has_value()) << name;
    core_->pending()->push_back(QueuedEvent{*grant, 1, 1, std::string("\x1a\x01x", 3)});
    core_->CommitPending();
  }

  TestDir dir_;
  TestEnv env_;
  ClientOptions options_;
  std::shared_ptr<const catalog_internal::Catalog> catalog_;
  consent_internal::Gate gate_;
  Counters counters_;
  StatusBoard board_;
  std::unique_ptr<Core> core_;
};

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
