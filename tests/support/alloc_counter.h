// AllocCounter: counts heap allocations made through the global operator
// new, so a test or benchmark can prove that a path allocates nothing.
//
// Linking alloc_counter.cc into a binary replaces the global operator new
// and delete for that whole binary. Counting is per thread, so the writer
// thread's allocations do not pollute the count of the caller's thread.
//
//   telegate::testing::AllocScope scope;
//   client->Track("log.search", "search", {});
//   int64_t n = scope.allocations();   // allocations on this thread
//
// Thread-safe: every thread has its own counter.
#ifndef TELEGATE_TESTS_SUPPORT_ALLOC_COUNTER_H_
#define TELEGATE_TESTS_SUPPORT_ALLOC_COUNTER_H_

#include <cstdint>

namespace telegate::testing {

// Allocations made by the calling thread since it started.
int64_t ThreadAllocations();

// Allocations made by the calling thread while this object lives.
class AllocScope {
 public:
  AllocScope() : start_(ThreadAllocations()) {}
  int64_t allocations() const { return ThreadAllocations() - start_; }

 private:
  int64_t start_;
};

}  // namespace telegate::testing

#endif  // TELEGATE_TESTS_SUPPORT_ALLOC_COUNTER_H_
