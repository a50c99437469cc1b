#include "consent/policy_version.h"

#include "gtest/gtest.h"

namespace telegate::consent_internal {
namespace {

TEST(PolicyVersionTest, ParsesMajorDotMinor) {
  absl::StatusOr<PolicyVersion> v = PolicyVersion::Parse("2.13");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->major, 2u);
  EXPECT_EQ(v->minor, 13u);
  EXPECT_EQ(v->ToString(), "2.13");
}

TEST(PolicyVersionTest, RejectsAnythingElse) {
  for (const char* bad : {"", "1", "1.", ".1", "0.1", "1.0.0", "a.b", "-1.0",
                          "+1.0", " 1.0", "1.0 ", "1,0", "9999999999.0"}) {
    EXPECT_EQ(PolicyVersion::Parse(bad).status().code(),
              absl::StatusCode::kInvalidArgument)
        << "\"" << bad << "\"";
  }
}

TEST(PolicyVersionTest, OrdersByMajorThenMinor) {
  EXPECT_LT((PolicyVersion{1, 9}), (PolicyVersion{2, 0}));
  EXPECT_LT((PolicyVersion{2, 0}), (PolicyVersion{2, 1}));
  EXPECT_FALSE((PolicyVersion{2, 1}) < (PolicyVersion{2, 1}));
}

}  // namespace
}  // namespace telegate::consent_internal
