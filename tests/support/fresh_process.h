// Running the current test again in a fresh process: what gtest's
// "threadsafe" death tests do, but through the emulator in a cross build
// (support/child_process.h), where a death test's re-exec of the emulated
// binary fails ("Exec format error").
//
//   TEST(FooTest, Bar) {
//     if (const char* dir = std::getenv(kChildVariable)) RunAndExit(dir);
//     TestDir dir;
//     int status = RerunThisTestInAFreshProcess(kChildVariable, dir.path());
//     EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
//   }
#ifndef TELEGATE_TESTS_SUPPORT_FRESH_PROCESS_H_
#define TELEGATE_TESTS_SUPPORT_FRESH_PROCESS_H_

#include <string>

namespace telegate::testing {

// Runs the current test in a fresh copy of this binary, with
// `variable`=`value` added to its environment so that the test can tell it
// is the child, and waits. Returns the wait status, or -1. Call it from a
// test body, on the test's thread.
int RerunThisTestInAFreshProcess(const std::string& variable,
                                 const std::string& value);

}  // namespace telegate::testing

#endif  // TELEGATE_TESTS_SUPPORT_FRESH_PROCESS_H_
