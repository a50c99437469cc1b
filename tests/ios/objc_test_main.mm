// main() of the Objective-C bridge tests: GoogleTest, with an autorelease
// pool around every test (the tests run without ARC on GNUstep).
#import <Foundation/Foundation.h>

#include "gtest/gtest.h"

// LeakSanitizer (ASan builds): GCC's libobjc and GNUstep Base never free
// what the runtime allocates for itself: method lists it registers, and the
// objects classes create in +initialize. Those allocations are made while
// libobjc is on the stack (class set-up, +initialize, class_addMethod), so
// only stacks through libobjc are suppressed. An object the bridge or a
// test allocates and leaks is reported: a message send leaves no libobjc
// frame behind.
extern "C" const char* __lsan_default_suppressions() { return "leak:libobjc.so\n"; }
// The suppression needs whole allocation stacks: Debian's libobjc and
// GNUstep Base have no frame pointers, so ASan's fast unwinder stops inside
// them. (About 3x slower under ASan; the options from the environment are
// added to these.)
extern "C" const char* __asan_default_options() { return "fast_unwind_on_malloc=0"; }

// ThreadSanitizer: GCC's libobjc and GNUstep Base take their two runtime
// locks in both orders while classes initialise at start-up (a cycle inside
// those uninstrumented libraries, before any test runs). Only lock-order
// reports through libobjc's own mutex are suppressed; races are not.
extern "C" const char* __tsan_default_suppressions() { return "deadlock:objc_mutex_lock\n"; }

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
  ::testing::UnitTest::GetInstance()->listeners().Append(new AutoreleasePoolPerTest);
  const int result = RUN_ALL_TESTS();
  [pool drain];
  return result;
}
