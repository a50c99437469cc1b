// FUZZ_CHECK: an invariant of a fuzz target. On failure it prints the
// condition and aborts, which libFuzzer (and the corpus replay test)
// reports as a crash with the input that caused it.
//
//   FUZZ_CHECK(words == Split(Join(words)));
#ifndef TELEGATE_TESTS_FUZZ_FUZZ_CHECK_H_
#define TELEGATE_TESTS_FUZZ_FUZZ_CHECK_H_

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(cond)                                              \
  do {                                                                \
    if (!(cond)) {                                                    \
      std::fprintf(stderr, "%s:%d: FUZZ_CHECK failed: %s\n", __FILE__, \
                   __LINE__, #cond);                                  \
      std::abort();                                                   \
    }                                                                 \
  } while (0)

#endif  // TELEGATE_TESTS_FUZZ_FUZZ_CHECK_H_
