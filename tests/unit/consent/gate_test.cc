#include "consent/gate.h"

#include "gtest/gtest.h"

namespace telegate::consent_internal {
namespace {

TEST(GateTest, EveryCategoryStartsClosed) {
  Gate gate;
  for (int id = 0; id < catalog_internal::kMaxCategories; ++id) {
    EXPECT_FALSE(gate.TryGrant(id).has_value());
    EXPECT_FALSE(gate.IsOpen(id));
  }
}

TEST(GateTest, OpenMintsTokensForThatCategoryOnly) {
  Gate gate;
  ASSERT_TRUE(gate.Open(3));
  std::optional<GrantToken> grant = gate.TryGrant(3);
  ASSERT_TRUE(grant.has_value());
  EXPECT_EQ(grant->category(), 3);
  EXPECT_TRUE(gate.IsCurrent(*grant));
  EXPECT_FALSE(gate.TryGrant(4).has_value());
}

TEST(GateTest, ATokenFromBeforeACloseIsNeverCurrentAgain) {
  Gate gate;
  gate.Open(1);
  GrantToken before = *gate.TryGrant(1);
  gate.Close(1);
  EXPECT_FALSE(gate.IsCurrent(before));
  gate.Open(1);  // re-grant: a new epoch
  EXPECT_FALSE(gate.IsCurrent(before));
  GrantToken after = *gate.TryGrant(1);
  EXPECT_TRUE(gate.IsCurrent(after));
  EXPECT_NE(after.epoch(), before.epoch());
}

TEST(GateTest, APendingCloseKeepsTheCategoryClosed) {
  Gate gate;
  gate.Open(2);
  GrantToken before = *gate.TryGrant(2);
  gate.BeginClose(2);
  EXPECT_FALSE(gate.IsCurrent(before));
  EXPECT_FALSE(gate.Open(2)) << "writer must not reopen while a close is pending";
  EXPECT_FALSE(gate.TryGrant(2).has_value());
  gate.EndClose(2);
  EXPECT_TRUE(gate.Open(2));
}

TEST(GateTest, CloseOfAClosedCategoryKeepsItsEpoch) {
  Gate gate;
  gate.Open(0);
  gate.Close(0);
  gate.Close(0);
  gate.Open(0);
  EXPECT_EQ(gate.TryGrant(0)->epoch(), 3u);  // open(1), close(2), open(3)
}

}  // namespace
}  // namespace telegate::consent_internal
