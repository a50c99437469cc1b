#include "command_line.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace telegate::demo {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(CommandLineTest, SplitsOnBlanks) {
  EXPECT_THAT(*SplitCommandLine("  consent   log.search\ton "),
              ElementsAre("consent", "log.search", "on"));
  EXPECT_THAT(*SplitCommandLine(""), IsEmpty());
  EXPECT_THAT(*SplitCommandLine("   \t "), IsEmpty());
}

TEST(CommandLineTest, QuotesKeepBlanksAndEscapes) {
  EXPECT_THAT(*SplitCommandLine(R"(track a b query="red shoes" x="a\"b\\c")"),
              ElementsAre("track", "a", "b", "query=red shoes", "x=a\"b\\c"));
  EXPECT_THAT(*SplitCommandLine(R"("")"), ElementsAre(""));
}

TEST(CommandLineTest, RejectsUnterminatedQuotesAndDanglingEscapes) {
  EXPECT_EQ(SplitCommandLine("a \"b").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(SplitCommandLine("a \"b\\").status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace telegate::demo
