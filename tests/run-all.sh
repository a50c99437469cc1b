#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds, runs every test —
# plainly, then the sample app's scripted run (examples/run-demo.sh), then
# under AddressSanitizer + UndefinedBehaviorSanitizer, then under
# ThreadSanitizer (each in its own build directory). This is the
# README's test command; .ci/run calls exactly this.
#
# TELEGATE_SANITIZERS=0 skips the two sanitizer phases (a quick local run);
# TELEGATE_CROSS=1 adds the aarch64 cross build and its tests under qemu
# (tests/run-cross.sh; not in CI: it would take CI past its budget, see the
# README). Each phase's time is printed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

jobs=$(nproc 2>/dev/null || echo 2)
timings=()

# phase <name> <command...>: runs the command and records its duration.
phase() {
  local name=$1
  shift
  echo "== $name =="
  local start=$SECONDS
  "$@"
  timings+=("$(printf '%-28s %5d s' "$name" $((SECONDS - start)))")
}

configure_and_build() {  # configure_and_build <dir> [cmake args...]
  local dir=$1
  shift
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
  cmake --build "$dir" -j "$jobs"
}

run_tests() {  # run_tests <dir>
  # Every test has its own TIMEOUT (EveryTestHasATimeout checks it); --timeout
  # is the fallback for one that might not.
  ctest --test-dir "$1" --output-on-failure -j "$jobs" --timeout 600
}

total_start=$SECONDS
phase "setup" ./setup.sh
phase "build" configure_and_build build
phase "tests" run_tests build
# The README's other command, the sample host app end to end (its build is
# the one above, so it only runs): a step that fails fails the suite.
phase "demo" examples/run-demo.sh

if [ "${TELEGATE_SANITIZERS:-1}" != "0" ]; then
  # Sanitizer builds leave the benchmarks out (they measure nothing there).
  export ASAN_OPTIONS=detect_leaks=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  # Races inside uninstrumented libraries only: tests/tsan-suppressions.txt.
  export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1:suppressions=$PWD/tests/tsan-suppressions.txt
  phase "build (ASan+UBSan)" configure_and_build build-asan \
    -DTELEGATE_SANITIZE=address,undefined -DTELEGATE_BUILD_BENCHMARKS=OFF
  phase "tests (ASan+UBSan)" run_tests build-asan
  phase "build (TSan)" configure_and_build build-tsan \
    -DTELEGATE_SANITIZE=thread -DTELEGATE_BUILD_BENCHMARKS=OFF
  phase "tests (TSan)" run_tests build-tsan
fi

if [ "${TELEGATE_CROSS:-0}" = "1" ]; then
  phase "cross build+tests (aarch64)" tests/run-cross.sh aarch64
fi

echo
echo "== timings =="
printf '%s\n' "${timings[@]}"
printf '%-28s %5d s\n' "total" $((SECONDS - total_start))
