#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) in build-fuzz/ and
# runs each for a number of seconds. Separate from the test command; CI may
# run it as its own job.
#
#   tests/fuzz/run-fuzzers.sh                 # every target, 60 s each
#   tests/fuzz/run-fuzzers.sh 300 demo_session catalog_parse
#
# A target's seeds are tests/fuzz/corpus/<target>/, its optional libFuzzer
# dictionary tests/fuzz/dict/<target>.dict. New inputs go to
# build-fuzz/fuzz-corpus/<target>/ (the seeds in
# tests/fuzz/corpus/<target>/ are read, never written). A crash leaves its
# input in build-fuzz/fuzz-artifacts/<target>/; add it to the seed corpus
# once fixed, and the corpus replay test keeps it fixed.
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds=${1:-60}
shift || true
targets=("$@")

build=build-fuzz
jobs=${JOBS:-2}
echo "== build (clang, ASan+UBSan, libFuzzer, $build) =="
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DTELEGATE_SANITIZE=address,undefined,fuzzer-no-link \
  -DTELEGATE_BUILD_FUZZERS=ON -DTELEGATE_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build "$build" -j "$jobs" --target telegate_fuzzers

# Every target CMake built (telegate_fuzzer() in tests/fuzz/CMakeLists.txt).
if [ ${#targets[@]} -eq 0 ]; then
  for bin in "$build"/tests/fuzz/telegate_*_fuzzer; do
    t=${bin##*/telegate_}
    targets+=("${t%_fuzzer}")
  done
fi

tmp="$PWD/$build/tmp"
mkdir -p "$tmp"
declare -A result runs
failed=0
for t in "${targets[@]}"; do
  bin="$build/tests/fuzz/telegate_${t}_fuzzer"
  seeds="tests/fuzz/corpus/$t"
  work="$build/fuzz-corpus/$t"
  artifacts="$build/fuzz-artifacts/$t"
  mkdir -p "$work" "$artifacts"
  args=(-max_total_time="$seconds" -timeout=30 -print_final_stats=1
        -artifact_prefix="$artifacts/")
  if [ -f "tests/fuzz/dict/$t.dict" ]; then
    args+=(-dict="tests/fuzz/dict/$t.dict")
  fi
  echo "== $t: ${seconds}s =="
  log="$build/fuzz-$t.log"
  if TEST_TMPDIR="$tmp" ASAN_OPTIONS=detect_leaks=1 \
      "$bin" "${args[@]}" "$work" "$seeds" >"$log" 2>&1; then
    result[$t]=clean
  else
    result[$t]="CRASH (see $log and $artifacts)"
    failed=1
    tail -40 "$log"
  fi
  runs[$t]=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | awk '{print $2}' | tail -1)
done

echo
printf '%-18s %8s %12s  %s\n' target seconds executions result
for t in "${targets[@]}"; do
  printf '%-18s %8s %12s  %s\n' "$t" "$seconds" "${runs[$t]:--}" "${result[$t]}"
done
exit $failed
