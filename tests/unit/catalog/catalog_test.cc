#include "catalog/catalog.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace telegate::catalog_internal {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::shared_ptr<const Catalog> DefaultOrDie() {
  absl::StatusOr<std::shared_ptr<const Catalog>> c = Catalog::Default();
  EXPECT_TRUE(c.ok()) << c.status();
  return c.ok() ? *c : nullptr;
}

proto::Policy MinimalPolicy() {
  proto::Policy p;
  p.set_version_major(1);
  proto::Category* c = p.add_categories();
  c->set_name("log.search");
  c->set_sensitivity(proto::PERSONAL);
  proto::EventSpec* e = c->add_events();
  e->set_name("search");
  proto::AttributeSpec* a = e->add_attributes();
  a->set_key("query");
  a->set_type(proto::STRING);
  return p;
}

absl::Status ParseStatus(const proto::Policy& p) {
  return Catalog::Parse(p.SerializeAsString()).status();
}

TEST(CatalogTest, DefaultPolicyHasTheSpecTableInOrder) {
  auto catalog = DefaultOrDie();
  ASSERT_NE(catalog, nullptr);
  std::vector<std::string> names;
  for (int i = 0; i < catalog->size(); ++i) names.push_back(catalog->name(i));
  EXPECT_THAT(
      names,
      ElementsAre("device.basic", "device.identifiers", "device.app_list",
                  "device.usage", "location.precise", "location.coarse",
                  "location.wifi", "location.bluetooth", "location.cell",
                  "network.carrier", "log.search", "log.access", "order"));
  EXPECT_EQ(catalog->version_major(), 1u);
}

TEST(CatalogTest, DefaultPolicyMarksTheSpecsSensitiveCategories) {
  auto catalog = DefaultOrDie();
  ASSERT_NE(catalog, nullptr);
  for (const char* name : {"location.precise", "location.wifi",
                           "location.bluetooth", "location.cell", "order"}) {
    std::optional<CategoryId> id = catalog->Find(name);
    ASSERT_TRUE(id) << name;
    EXPECT_EQ(catalog->category(*id).sensitivity(), proto::SENSITIVE) << name;
  }
  EXPECT_EQ(catalog->category(*catalog->Find("device.basic")).sensitivity(),
            proto::NON_PERSONAL);
}

TEST(CatalogTest, DefaultPolicyNamesTheOsPermissionsOfTheTable) {
  auto catalog = DefaultOrDie();
  ASSERT_NE(catalog, nullptr);
  auto missing_with_nothing = [&](const char* name, Platform platform) {
    return MissingPermissions(
        catalog->Requirement(*catalog->Find(name), platform), 34,
        [](const std::string&) { return false; });
  };
  EXPECT_THAT(missing_with_nothing("location.precise", Platform::kAndroid),
              ElementsAre("ACCESS_FINE_LOCATION"));
  EXPECT_THAT(missing_with_nothing("device.identifiers", Platform::kAndroid),
              ElementsAre("READ_PHONE_STATE|AD_ID"));
  EXPECT_THAT(missing_with_nothing("location.wifi", Platform::kAndroid),
              ElementsAre("ACCESS_FINE_LOCATION", "ACCESS_WIFI_STATE",
                          "NEARBY_WIFI_DEVICES"));
  EXPECT_TRUE(missing_with_nothing("log.search", Platform::kAndroid).empty());
  EXPECT_FALSE(
      catalog->Requirement(*catalog->Find("device.app_list"), Platform::kIos)
          .available());
}

TEST(CatalogTest, ClausesApplyOnlyWithinTheirOsLevels) {
  auto catalog = DefaultOrDie();
  ASSERT_NE(catalog, nullptr);
  const auto& wifi =
      catalog->Requirement(*catalog->Find("location.wifi"), Platform::kAndroid);
  auto none = [](const std::string&) { return false; };
  EXPECT_THAT(MissingPermissions(wifi, 30, none),
              ElementsAre("ACCESS_FINE_LOCATION", "ACCESS_WIFI_STATE"));
}

TEST(CatalogTest, FindsCategoriesAndEventsByName) {
  auto catalog = DefaultOrDie();
  ASSERT_NE(catalog, nullptr);
  std::optional<CategoryId> id = catalog->Find("log.search");
  ASSERT_TRUE(id);
  EXPECT_NE(catalog->FindEvent(*id, "search"), nullptr);
  EXPECT_EQ(catalog->FindEvent(*id, "fix"), nullptr);
  EXPECT_FALSE(catalog->Find("log"));
  EXPECT_FALSE(catalog->Find(""));
}

TEST(CatalogTest, RejectsBytesThatAreNotAPolicy) {
  absl::Status s = Catalog::Parse("\xff\xff\xff garbage").status();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
}

TEST(CatalogTest, RejectsAPolicyWithoutVersionOrCategories) {
  proto::Policy p = MinimalPolicy();
  p.set_version_major(0);
  EXPECT_THAT(ParseStatus(p).message(), HasSubstr("major version"));
  proto::Policy empty;
  empty.set_version_major(1);
  EXPECT_THAT(ParseStatus(empty).message(), HasSubstr("no category"));
}

TEST(CatalogTest, RejectsMalformedDeclarationsNamingThem) {
  {
    proto::Policy p = MinimalPolicy();
    p.mutable_categories(0)->set_name("Log Search");
    EXPECT_THAT(ParseStatus(p).message(), HasSubstr("bad category name"));
  }
  {
    proto::Policy p = MinimalPolicy();
    *p.add_categories() = p.categories(0);
    EXPECT_THAT(ParseStatus(p).message(), HasSubstr("declared twice"));
  }
  {
    proto::Policy p = MinimalPolicy();
    p.mutable_categories(0)->set_sensitivity(proto::SENSITIVITY_UNSPECIFIED);
    EXPECT_THAT(ParseStatus(p).message(), HasSubstr("no sensitivity"));
  }
  {
    proto::Policy p = MinimalPolicy();
    p.mutable_categories(0)->mutable_events(0)->mutable_attributes(0)->set_type(
        proto::ATTRIBUTE_TYPE_UNSPECIFIED);
    EXPECT_THAT(ParseStatus(p).message(), HasSubstr("has no type"));
  }
  {
    proto::Policy p = MinimalPolicy();
    p.mutable_categories(0)->mutable_android()->add_clauses();
    EXPECT_THAT(ParseStatus(p).message(), HasSubstr("names no permission"));
  }
  {
    proto::Policy p = MinimalPolicy();
    for (int i = 0; i < kMaxCategories; ++i) {
      proto::Category* c = p.add_categories();
      *c = p.categories(0);
      c->set_name("c" + std::to_string(i));
    }
    EXPECT_THAT(ParseStatus(p).message(), HasSubstr("at most"));
  }
}

// A category "x.alt" would share its key name with the rotation slot of a
// category "x" (telegate.category.x.alt): a start-up purge of one destroyed
// the other's key.
TEST(CatalogTest, RefusesCategoryNamesThatCouldShareAKeyWithAnother) {
  for (const char* name : {"log.search.alt", "alt", "x.alt"}) {
    proto::Policy p = MinimalPolicy();
    proto::Category* c = p.add_categories();
    *c = p.categories(0);
    c->set_name(name);
    EXPECT_THAT(ParseStatus(p).message(), HasSubstr("bad category name"))
        << name;
    EXPECT_FALSE(IsValidCategoryName(name)) << name;
  }
  for (const char* name : {"Log.search", "log..search", "log/search", "../log",
                           "log.search-x", ""}) {
    EXPECT_FALSE(IsValidCategoryName(name)) << name;
  }
  for (const char* name : {"log.search", "log.alternative", "alt_log.x"}) {
    EXPECT_TRUE(IsValidCategoryName(name)) << name;
  }
}

TEST(CatalogTest, AcceptsAMinimalPolicy) {
  EXPECT_TRUE(ParseStatus(MinimalPolicy()).ok());
}

}  // namespace
}  // namespace telegate::catalog_internal
