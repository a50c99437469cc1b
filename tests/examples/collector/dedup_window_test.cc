// The de-duplication window remembers recent event ids and forgets old ones,
// within a fixed bound.
#include "dedup_window.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace telegate::collector {
namespace {

std::string Id(int i) {
  std::string id(16, '\0');
  for (int b = 0; b < 4; ++b) id[b] = static_cast<char>((i >> (8 * b)) & 0xff);
  id[15] = 'x';
  return id;
}

TEST(DedupWindowTest, RecognisesAnIdItWasGiven) {
  DedupWindow window(100);
  EXPECT_FALSE(window.Contains(Id(1)));
  EXPECT_TRUE(window.Insert(Id(1)));
  EXPECT_TRUE(window.Contains(Id(1)));
  EXPECT_FALSE(window.Insert(Id(1))) << "a repeat is not new";
  EXPECT_FALSE(window.Contains(Id(2)));
  EXPECT_EQ(window.size(), 1u);
}

TEST(DedupWindowTest, EveryByteOfTheIdCounts) {
  DedupWindow window(100);
  std::string a(16, '\0');
  std::string b = a;
  b[15] = 1;  // differs only in the last byte
  std::string c = a;
  c[0] = 1;  // only in the first
  ASSERT_TRUE(window.Insert(a));
  EXPECT_FALSE(window.Contains(b));
  EXPECT_FALSE(window.Contains(c));
}

TEST(DedupWindowTest, RemembersAtLeastHalfItsCapacityAndNeverMoreThanAll) {
  constexpr int kCapacity = 1000;
  DedupWindow window(kCapacity);
  for (int i = 0; i < 10 * kCapacity; ++i) {
    ASSERT_TRUE(window.Insert(Id(i)));
    ASSERT_LE(window.size(), static_cast<size_t>(kCapacity)) << i;
    // The last capacity/2 ids are always remembered.
    for (int back : {0, 1, kCapacity / 4, kCapacity / 2 - 1}) {
      if (i - back >= 0) {
        ASSERT_TRUE(window.Contains(Id(i - back))) << i;
      }
    }
  }
  // Old ids are forgotten: accepted again (downstream de-duplicates them).
  EXPECT_FALSE(window.Contains(Id(0)));
  EXPECT_TRUE(window.Insert(Id(0)));
}

TEST(DedupWindowTest, ATinyCapacityStillWorks) {
  DedupWindow window(0);
  EXPECT_EQ(window.capacity(), 2u);
  EXPECT_TRUE(window.Insert(Id(1)));
  EXPECT_TRUE(window.Contains(Id(1)));
  EXPECT_FALSE(window.Insert(Id(1)));
}

}  // namespace
}  // namespace telegate::collector
