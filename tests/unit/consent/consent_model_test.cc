// Every reason a category can be closed, from the pure rules.
#include "consent/consent_model.h"

#include <set>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace telegate::consent_internal {
namespace {

using catalog_internal::Catalog;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::shared_ptr<const Catalog> MakeCatalog(uint32_t major, uint32_t minor,
                                           bool reconsent_all = false,
                                           uint32_t precise_definition = 1) {
  proto::Policy policy;
  policy.ParseFromString(std::string(Catalog::DefaultPolicyBytes()));
  policy.set_version_major(major);
  policy.set_version_minor(minor);
  policy.set_reconsent_all_on_major(reconsent_all);
  for (proto::Category& c : *policy.mutable_categories()) {
    if (c.name() == "location.precise") {
      c.set_definition_major(precise_definition);
    }
  }
  proto::PolicyVersion* earlier = policy.add_earlier_versions();
  earlier->set_major(1);
  earlier->set_minor(0);
  return *Catalog::Parse(policy.SerializeAsString());
}

class ConsentModelTest : public ::testing::Test {
 protected:
  void SetUp() override { Use(MakeCatalog(1, 0)); }
  void Use(std::shared_ptr<const Catalog> catalog) {
    catalog_ = std::move(catalog);
    model_ = std::make_unique<ConsentModel>(*catalog_, Platform::kAndroid, 34);
    state_ = ConsentState();
    state_.categories.resize(catalog_->size());
  }
  catalog_internal::CategoryId Id(const char* name) {
    return *catalog_->Find(name);
  }
  void Grant(const char* name, PolicyVersion stamp = {1, 0}) {
    state_.categories[Id(name)].on = true;
    state_.categories[Id(name)].stamp = stamp;
  }
  Evaluation Eval(const char* name) {
    return model_->Evaluate(Id(name), state_, [this](const std::string& p) {
      return granted_.count(p) > 0;
    });
  }

  std::shared_ptr<const Catalog> catalog_;
  std::unique_ptr<ConsentModel> model_;
  ConsentState state_;
  std::set<std::string> granted_;
};

TEST_F(ConsentModelTest, ConsentOff) {
  EXPECT_THAT(Eval("log.search").reasons, ElementsAre(ClosedReason::kConsentOff));
  EXPECT_FALSE(Eval("log.search").open);
}

TEST_F(ConsentModelTest, OpenWithConsentAndNoPermissionNeeded) {
  Grant("log.search");
  EXPECT_TRUE(Eval("log.search").open);
  EXPECT_THAT(Eval("log.search").reasons, IsEmpty());
}

TEST_F(ConsentModelTest, PermissionMissing) {
  Grant("location.precise");
  Evaluation e = Eval("location.precise");
  EXPECT_THAT(e.reasons, ElementsAre(ClosedReason::kPermissionMissing));
  EXPECT_THAT(e.missing, ElementsAre("ACCESS_FINE_LOCATION"));
  granted_.insert("ACCESS_FINE_LOCATION");
  EXPECT_TRUE(Eval("location.precise").open);
}

TEST_F(ConsentModelTest, UnavailableOnThePlatform) {
  model_ = std::make_unique<ConsentModel>(*catalog_, Platform::kIos, 17);
  Grant("device.usage");
  EXPECT_THAT(Eval("device.usage").reasons,
              ElementsAre(ClosedReason::kUnavailable));
}

TEST_F(ConsentModelTest, PolicyReconsentWhenTheDefinitionChangedSinceTheGrant) {
  Use(MakeCatalog(2, 0, false, /*precise_definition=*/2));
  granted_.insert("ACCESS_FINE_LOCATION");
  Grant("location.precise", {1, 0});
  Grant("log.search", {1, 0});
  EXPECT_THAT(Eval("location.precise").reasons,
              ElementsAre(ClosedReason::kPolicyReconsent));
  EXPECT_TRUE(Eval("log.search").open) << "unchanged categories keep consent";
  Grant("location.precise", {2, 0});
  EXPECT_TRUE(Eval("location.precise").open);
}

TEST_F(ConsentModelTest, PolicyReconsentForEveryCategoryWhenThePolicySaysSo) {
  Use(MakeCatalog(2, 0, /*reconsent_all=*/true));
  Grant("log.search", {1, 5});
  EXPECT_THAT(Eval("log.search").reasons,
              ElementsAre(ClosedReason::kPolicyReconsent));
  Grant("log.search", {2, 0});
  EXPECT_TRUE(Eval("log.search").open);
}

TEST_F(ConsentModelTest, AMinorVersionKeepsConsent) {
  Use(MakeCatalog(1, 7, /*reconsent_all=*/true));
  Grant("log.search", {1, 0});
  EXPECT_TRUE(Eval("log.search").open);
}

TEST_F(ConsentModelTest, MinorsWithoutGuardianLoseSensitiveAndIdentifying) {
  granted_ = {"ACCESS_FINE_LOCATION", "READ_PHONE_STATE"};
  for (const char* c : {"location.precise", "device.identifiers", "order",
                        "log.access", "log.search", "device.basic"}) {
    Grant(c);
  }
  state_.minor = true;
  EXPECT_THAT(Eval("location.precise").reasons, ElementsAre(ClosedReason::kMinor));
  EXPECT_THAT(Eval("device.identifiers").reasons, ElementsAre(ClosedReason::kMinor));
  EXPECT_THAT(Eval("order").reasons, ElementsAre(ClosedReason::kMinor));
  EXPECT_THAT(Eval("log.access").reasons, ElementsAre(ClosedReason::kMinor));
  EXPECT_TRUE(Eval("log.search").open);
  EXPECT_TRUE(Eval("device.basic").open);
  state_.guardian = true;
  EXPECT_TRUE(Eval("location.precise").open);
}

TEST_F(ConsentModelTest, ReasonsAccumulate) {
  state_.minor = true;
  Evaluation e = Eval("location.precise");
  EXPECT_THAT(e.reasons, ElementsAre(ClosedReason::kConsentOff,
                                     ClosedReason::kPermissionMissing,
                                     ClosedReason::kMinor));
}

TEST_F(ConsentModelTest, GrantsAreStampedWithTheAcceptedPolicyElseTheCatalogs) {
  Use(MakeCatalog(2, 0));
  EXPECT_EQ(model_->GrantStamp(state_), (PolicyVersion{2, 0}));
  state_.accepted = PolicyVersion{1, 0};
  EXPECT_EQ(model_->GrantStamp(state_), (PolicyVersion{1, 0}));
}

TEST_F(ConsentModelTest, AcceptsOnlyKnownVersionsInOrder) {
  Use(MakeCatalog(2, 0));
  EXPECT_TRUE(model_->CheckAcceptable({1, 0}, state_).ok());
  EXPECT_TRUE(model_->CheckAcceptable({2, 0}, state_).ok());
  EXPECT_EQ(model_->CheckAcceptable({1, 5}, state_).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(model_->CheckAcceptable({3, 0}, state_).code(),
            absl::StatusCode::kInvalidArgument);
  state_.accepted = PolicyVersion{2, 0};
  EXPECT_EQ(model_->CheckAcceptable({1, 0}, state_).code(),
            absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace telegate::consent_internal
