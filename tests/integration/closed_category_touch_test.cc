// The double gate at the platform seam: for EVERY category and EVERY reason
// a category can be closed, no platform method behind the closed category is
// touched — not by Client::Collect, not by any scheduled collection, not by
// collecting every other category — while the open ones are collected (so
// the counting would see a touch). Counts come from the fakes.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "catalog/catalog.h"
#include "consent/consent_model.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "support/client_fixture.h"
#include "support/test_dir.h"

namespace telegate {
namespace {

using ::telegate::testing::AdvanceAndSettle;
using ::telegate::testing::OpenOrDie;
using ::telegate::testing::TestDir;
using ::telegate::testing::TestEnv;
using ::testing::Contains;

struct Case {
  std::string category;
  ClosedReason reason;
};

void PrintTo(const Case& c, std::ostream* os) {
  *os << c.category << " closed by " << ClosedReasonName(c.reason);
}

std::string CaseName(const ::testing::TestParamInfo<Case>& info) {
  std::string name = absl::StrCat(info.param.category, "_",
                                   ClosedReasonName(info.param.reason));
  return absl::StrReplaceAll(name, {{".", "_"}});
}

std::shared_ptr<const catalog_internal::Catalog> DefaultCatalog() {
  auto catalog = catalog_internal::Catalog::Default();
  EXPECT_TRUE(catalog.ok());
  return *catalog;
}

// Every (category, reason) pair the default catalog allows.
std::vector<Case> AllCases() {
  auto catalog = DefaultCatalog();
  consent_internal::ConsentModel model(*catalog, Platform::kAndroid, 34);
  std::vector<Case> cases;
  for (int id = 0; id < catalog->size(); ++id) {
    const proto::Category& c = catalog->category(id);
    cases.push_back({c.name(), ClosedReason::kConsentOff});
    if (!c.android().clauses().empty()) {
      cases.push_back({c.name(), ClosedReason::kPermissionMissing});
    }
    if (!c.ios().available()) {
      cases.push_back({c.name(), ClosedReason::kUnavailable});
    }
    cases.push_back({c.name(), ClosedReason::kPolicyReconsent});
    if (model.RestrictedForMinors(id)) {
      cases.push_back({c.name(), ClosedReason::kMinor});
    }
  }
  return cases;
}

// The default policy at 2.0, with `category` redefined in 2.0.
std::string PolicyRedefining(const std::string& category) {
  proto::Policy policy;
  policy.ParseFromString(
      std::string(catalog_internal::Catalog::DefaultPolicyBytes()));
  policy.set_version_major(2);
  policy.set_version_minor(0);
  proto::PolicyVersion* v = policy.add_earlier_versions();
  v->set_major(1);
  v->set_minor(0);
  for (proto::Category& c : *policy.mutable_categories()) {
    if (c.name() == category) c.set_definition_major(2);
  }
  return policy.SerializeAsString();
}

CategoryStatus StatusOf(Client* client, const std::string& name) {
  for (const CategoryStatus& s : client->GetCategoryStatus()) {
    if (s.name == name) return s;
  }
  ADD_FAILURE() << "no category " << name;
  return CategoryStatus();
}

void ConsentToEverything(Client* client) {
  for (const CategoryStatus& s : client->GetCategoryStatus()) {
    ASSERT_TRUE(client->SetConsent(s.name, true).ok()) << s.name;
  }
}

class ClosedCategoryTouchTest : public ::testing::TestWithParam<Case> {};

TEST_P(ClosedCategoryTouchTest, NoPlatformMethodBehindItIsTouched) {
  const Case& c = GetParam();
  TestDir dir;
  TestEnv env(c.reason == ClosedReason::kUnavailable ? Platform::kIos
                                                     : Platform::kAndroid);
  env.GrantAllPermissions();
  auto catalog = DefaultCatalog();
  const proto::Category& spec = catalog->category(*catalog->Find(c.category));
  if (c.reason == ClosedReason::kPermissionMissing) {
    for (const proto::PermissionClause& clause : spec.android().clauses()) {
      for (const std::string& p : clause.any_of()) {
        env.permissions.SetQuietly(p, false);
      }
    }
  }
  ClientOptions options = env.Options(dir.path());
  if (c.reason == ClosedReason::kPolicyReconsent) {
    // Consent given under 1.0; the app then updates to a 2.0 policy that
    // redefines the category. Nothing runs the first client's timers.
    auto before = OpenOrDie(options);
    ASSERT_NE(before, nullptr);
    ConsentToEverything(before.get());
    ASSERT_TRUE(before->Close(absl::Seconds(10)).ok());
    options.policy_document = PolicyRedefining(c.category);
  }
  auto client = OpenOrDie(options);
  ASSERT_NE(client, nullptr);
  if (c.reason != ClosedReason::kPolicyReconsent) {
    ConsentToEverything(client.get());
    if (c.reason == ClosedReason::kConsentOff) {
      ASSERT_TRUE(client->SetConsent(c.category, false).ok());
    }
  }
  if (c.reason == ClosedReason::kMinor) {
    ASSERT_TRUE(client->SetMinor(true).ok());
  }
  CategoryStatus status = StatusOf(client.get(), c.category);
  ASSERT_FALSE(status.open);
  ASSERT_THAT(status.reasons, Contains(c.reason));
  const int touched_before = env.PlatformCalls(c.category);
  const int all_before = env.AllPlatformCalls();

  // On request: refused before anything is built or called.
  absl::StatusOr<CollectionReport> own = client->Collect(c.category);
  if (c.category == "log.search" || c.category == "order") {
    EXPECT_TRUE(absl::IsFailedPrecondition(own.status())) << own.status();
  } else {
    EXPECT_TRUE(absl::IsPermissionDenied(own.status())) << own.status();
  }
  // Everything else, on request and on every timer for two days.
  for (const CategoryStatus& s : client->GetCategoryStatus()) {
    client->Collect(s.name).IgnoreError();
  }
  AdvanceAndSettle(env, client.get(), absl::Hours(48));

  EXPECT_EQ(env.PlatformCalls(c.category), touched_before)
      << c.category << " closed by " << ClosedReasonName(c.reason)
      << " was touched";
  // The counting can see a touch: the open categories were collected.
  EXPECT_GT(env.AllPlatformCalls(), all_before);
  if (c.category == "device.identifiers") {
    EXPECT_FALSE(env.keys.Has("telegate.category.device.identifiers"))
        << "no install id (nor its file key) for a closed category";
  }
  ASSERT_TRUE(client->Close(absl::Seconds(10)).ok());
}

INSTANTIATE_TEST_SUITE_P(EveryCategoryEveryReason, ClosedCategoryTouchTest,
                         ::testing::ValuesIn(AllCases()), CaseName);

// A category that closes while its timer is armed: the timer is cancelled
// and a timer that already fired finds the gate shut.
class ClosingCancelsTimersTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ClosingCancelsTimersTest, NothingRunsAfterTheRevokeReturns) {
  const std::string& category = GetParam();
  TestDir dir;
  TestEnv env;
  env.GrantAllPermissions();
  auto client = OpenOrDie(env.Options(dir.path()));
  ASSERT_NE(client, nullptr);
  ASSERT_TRUE(client->SetConsent(category, true).ok());
  ASSERT_GT(env.scheduler.pending(), 0u) << category << " has a schedule";
  ASSERT_TRUE(client->SetConsent(category, false).ok());
  EXPECT_EQ(env.scheduler.pending(), 0u);
  AdvanceAndSettle(env, client.get(), absl::Hours(48));
  EXPECT_EQ(env.AllPlatformCalls(), 0);
}

class PermissionRevokeCancelsTimersTest
    : public ::testing::TestWithParam<std::string> {};

TEST_P(PermissionRevokeCancelsTimersTest, NothingRunsAfterTheRevokeReturns) {
  const std::string& category = GetParam();
  auto catalog = DefaultCatalog();
  const proto::Category& spec = catalog->category(*catalog->Find(category));
  TestDir dir;
  TestEnv env;
  env.GrantAllPermissions();
  auto client = OpenOrDie(env.Options(dir.path()));
  ASSERT_NE(client, nullptr);
  ASSERT_TRUE(client->SetConsent(category, true).ok());
  ASSERT_GT(env.scheduler.pending(), 0u);
  for (const proto::PermissionClause& clause : spec.android().clauses()) {
    for (const std::string& p : clause.any_of()) env.permissions.Set(p, false);
  }
  EXPECT_EQ(env.scheduler.pending(), 0u);
  AdvanceAndSettle(env, client.get(), absl::Hours(48));
  EXPECT_EQ(env.PlatformCalls(category), 0);
}

// Categories with a collection schedule; with `needing_permission`, only
// those that need an OS permission.
std::vector<std::string> ScheduledCategories(bool needing_permission) {
  auto catalog = DefaultCatalog();
  std::vector<std::string> names;
  for (int id = 0; id < catalog->size(); ++id) {
    const proto::Category& c = catalog->category(id);
    if (needing_permission && c.android().clauses().empty()) continue;
    if (c.collection().at_start() || c.collection().interval_seconds() > 0) {
      names.push_back(catalog->name(id));
    }
  }
  return names;
}

std::string NameOf(const ::testing::TestParamInfo<std::string>& info) {
  return absl::StrReplaceAll(info.param, {{".", "_"}});
}

INSTANTIATE_TEST_SUITE_P(EveryScheduledCategory, ClosingCancelsTimersTest,
                         ::testing::ValuesIn(ScheduledCategories(false)),
                         NameOf);
INSTANTIATE_TEST_SUITE_P(EveryScheduledCategoryWithAPermission,
                         PermissionRevokeCancelsTimersTest,
                         ::testing::ValuesIn(ScheduledCategories(true)),
                         NameOf);

}  // namespace
}  // namespace telegate
