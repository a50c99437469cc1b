#include "support/fresh_process.h"

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "support/child_process.h"

namespace telegate::testing {

int RerunThisTestInAFreshProcess(const std::string& variable,
                                 const std::string& value) {
  const ::testing::TestInfo* test =
      ::testing::UnitTest::GetInstance()->current_test_info();
  if (test == nullptr) return -1;
  ChildCommand self(
      SelfPath(), {absl::StrCat("--gtest_filter=", test->test_suite_name(), ".",
                                test->name())});
  return self.RunAndWait({{variable, value}});
}

}  // namespace telegate::testing
