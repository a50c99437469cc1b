// main() of the Objective-C bridge tests: GoogleTest, with an autorelease
// pool around every test (the tests run without ARC on GNUstep).
#import <Foundation/Foundation.h>

#include "gtest/gtest.h"

// LeakSanitizer (ASan builds): GNUstep Base and GCC's libobjc keep runtime
// tables (classes, method lists, the main thread's NSThread) that they never
// free. Only allocations made while the runtime loads classes or sets up
// GNUstep are suppressed; objects the bridge or the tests leak are not.
extern "C" const char* __lsan_default_suppressions() {
  return "leak:__objc_exec_class\n"
         "leak:__objc_resolve_class_links\n"
         "leak:__objc_init_install_dtable\n"
         "leak:__objc_install_dtable_for_class\n"
         "leak:class_copyMethodList\n"
         "leak:GSPrivateDefaultLocale\n";
}

namespace {

class AutoreleasePoolPerTest : public ::testing::EmptyTestEventListener {
 public:
  void OnTestStart(const ::testing::TestInfo&) override {
    pool_ = [[NSAutoreleasePool alloc] init];
  }
  void OnTestEnd(const ::testing::TestInfo&) override {
    [pool_ drain];
    pool_ = nil;
  }

 private:
  NSAutoreleasePool* pool_ = nil;
};

}  // namespace

int main(int argc, char** argv) {
  NSAutoreleasePool* pool = [[NSAutoreleasePool alloc] init];
  ::testing::InitGoogleTest(&argc, argv);
  ::testing::UnitTest::GetInstance()->listeners().Append(
      new AutoreleasePoolPerTest);
  const int result = RUN_ALL_TESTS();
  [pool drain];
  return result;
}
