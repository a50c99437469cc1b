// CoreFixture: a client_internal::Core driven directly on the test's thread
// (no writer thread), for interleavings that threads only hit by chance and
// for the writer's timing decisions. The environment is TestEnv's fakes.
//
//   class MyTest : public telegate::testing::CoreFixture {};
//   TEST_F(MyTest, X) {
//     ASSERT_TRUE(core_->SetConsent(Id("order"), true).ok());
//     CommitOne("order");
//   }
#ifndef TELEGATE_TESTS_SUPPORT_CORE_FIXTURE_H_
#define TELEGATE_TESTS_SUPPORT_CORE_FIXTURE_H_

#include <memory>
#include <optional>
#include <string>

#include "catalog/catalog.h"
#include "client/core.h"
#include "gtest/gtest.h"
#include "support/client_fixture.h"
#include "support/test_dir.h"

namespace telegate::testing {

class CoreFixture : public ::testing::Test {
 protected:
  // Called before the Core is made: adjust the options.
  virtual void Configure(ClientOptions* options) { (void)options; }

  void SetUp() override {
    options_ = env_.Options(dir_.path());
    Configure(&options_);
    catalog_ = *catalog_internal::Catalog::Default();
    client_internal::Core::Deps deps;
    deps.options = &options_;
    deps.catalog = catalog_;
    deps.gate = &gate_;
    deps.counters = &counters_;
    deps.board = &board_;
    deps.health = &health_;
    core_ = std::make_unique<client_internal::Core>(std::move(deps));
    ASSERT_TRUE(core_->Startup().ok());
  }

  catalog_internal::CategoryId Id(const std::string& name) {
    return *catalog_->Find(name);
  }

  // Commits one event of `category`, captured `age` ago, through the gate
  // as the writer does.
  void CommitOne(const std::string& category,
                 absl::Duration age = absl::ZeroDuration()) {
    std::optional<consent_internal::GrantToken> grant =
        gate_.TryGrant(Id(category));
    ASSERT_TRUE(grant.has_value()) << category;
    core_->pending()->push_back(client_internal::QueuedEvent{
        *grant, absl::ToUnixMillis(env_.clock.Now() - age), 1,
        util_internal::SecureString("\x1a\x01x", 3)});
    core_->CommitPending();
    ASSERT_TRUE(core_->TakeCommitError().ok());
  }

  TestDir dir_;
  TestEnv env_;
  ClientOptions options_;
  std::shared_ptr<const catalog_internal::Catalog> catalog_;
  consent_internal::Gate gate_;
  client_internal::Counters counters_;
  client_internal::StatusBoard board_;
  client_internal::HealthBoard health_;
  std::unique_ptr<client_internal::Core> core_;
};

}  // namespace telegate::testing

#endif  // TELEGATE_TESTS_SUPPORT_CORE_FIXTURE_H_
