#include "upload/residency.h"

#include "catalog/catalog.h"
#include "gtest/gtest.h"

namespace telegate::upload_internal {
namespace {

proto::Category MakeCategory(std::vector<std::string> regions,
                             proto::Sensitivity sensitivity,
                             bool identifying) {
  proto::Category c;
  c.set_name("test.category");
  for (const std::string& r : regions) c.add_allowed_regions(r);
  c.set_sensitivity(sensitivity);
  c.set_identifying(identifying);
  return c;
}

const auto kNever = [](const std::string&) { return false; };

TEST(ResidencyTest, RegionMustBeListedOrStar) {
  proto::Category cn = MakeCategory({"CN"}, proto::PERSONAL, false);
  EXPECT_TRUE(RegionAllowed(cn, "CN"));
  EXPECT_FALSE(RegionAllowed(cn, "US"));
  proto::Category anywhere = MakeCategory({"*"}, proto::NON_PERSONAL, false);
  EXPECT_TRUE(RegionAllowed(anywhere, "US"));
  proto::Category nowhere = MakeCategory({}, proto::PERSONAL, false);
  EXPECT_FALSE(RegionAllowed(nowhere, "CN"));
}

TEST(ResidencyTest, CrossBorderConsentOpensAnotherRegion) {
  proto::Category cn = MakeCategory({"CN"}, proto::PERSONAL, false);
  Endpoint sg{"https://sg.example/", "SG", false};
  EXPECT_FALSE(MayReceive(cn, sg, /*cross_border_consent=*/false));
  EXPECT_TRUE(MayReceive(cn, sg, /*cross_border_consent=*/true));
}

TEST(ResidencyTest, PartnersNeverGetIdentifyingOrSensitiveCategories) {
  Endpoint partner{"https://ads.example/", "CN", true};
  EXPECT_TRUE(MayReceive(MakeCategory({"CN"}, proto::PERSONAL, false), partner,
                         false));
  EXPECT_FALSE(MayReceive(MakeCategory({"CN"}, proto::PERSONAL, true), partner,
                          false));
  EXPECT_FALSE(MayReceive(MakeCategory({"CN"}, proto::SENSITIVE, false),
                          partner, false));
  // Not even with a cross-border consent.
  EXPECT_FALSE(MayReceive(MakeCategory({"*"}, proto::SENSITIVE, false),
                          partner, true));
}

TEST(ResidencyTest, EachCategoryRoutesToTheFirstEndpointThatMayReceiveIt) {
  std::vector<Endpoint> endpoints = {
      {"https://ads.example/", "CN", true},
      {"https://us.example/", "US", false},
      {"https://cn.example/", "CN", false},
  };
  EXPECT_EQ(Route(MakeCategory({"CN"}, proto::PERSONAL, false), endpoints,
                  kNever),
            0u);
  EXPECT_EQ(Route(MakeCategory({"CN"}, proto::SENSITIVE, false), endpoints,
                  kNever),
            2u);
  EXPECT_EQ(Route(MakeCategory({"CN"}, proto::SENSITIVE, false), endpoints,
                  [](const std::string& r) { return r == "US"; }),
            1u);
  EXPECT_FALSE(Route(MakeCategory({"DE"}, proto::SENSITIVE, false), endpoints,
                     kNever)
                   .has_value());
}

TEST(ResidencyTest, DefaultCatalogKeepsPersonalDataInChina) {
  auto catalog = catalog_internal::Catalog::Default();
  ASSERT_TRUE(catalog.ok());
  Endpoint us{"https://us.example/", "US", false};
  for (int id = 0; id < (*catalog)->size(); ++id) {
    const proto::Category& c = (*catalog)->category(id);
    EXPECT_EQ(MayReceive(c, us, false), c.name() == "device.basic") << c.name();
  }
}

}  // namespace
}  // namespace telegate::upload_internal
