#!/usr/bin/env bash
# Builds the benchmarks in Release (in build-bench/, apart from the test
# build) and runs every benchmark binary, then prints one summary table with
# the targets of issue 8.
#
#   tests/bench/run-benchmarks.sh                  # all, 3 repetitions
#   tests/bench/run-benchmarks.sh --repetitions 1 --filter 'Track'
#
# Figures are medians of the repetitions. On a shared machine wall times
# include other processes' load: the table shows CPU times beside them and
# the load average at the start.
set -euo pipefail
cd "$(dirname "$0")/../.."

repetitions=3
filter=""
while [ $# -gt 0 ]; do
  case "$1" in
    --repetitions) repetitions="$2"; shift 2 ;;
    --filter) filter="$2"; shift 2 ;;
    *) echo "usage: $0 [--repetitions N] [--filter REGEX]" >&2; exit 2 ;;
  esac
done

build=build-bench
out="$build/bench-results"
jobs=${JOBS:-2}

echo "== build (Release, $build) =="
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DTELEGATE_BUILD_BENCHMARKS=ON -DTELEGATE_BUILD_TESTS=ON >/dev/null
cmake --build "$build" -j "$jobs" --target telegate_benchmarks

rm -rf "$out"
mkdir -p "$out"
load=$(cut -d' ' -f1-3 /proc/loadavg)
# Google Benchmark binaries write JSON for the summary table; the others
# are plain programs that print their own figures (and take no
# --benchmark_* flags: telegate_store_bench refuses unknown flags).
gbench=("$build"/tests/bench/telegate_client_bench)
plain=(telegate_upload_bench telegate_store_bench telegate_otlp_bench)
for bin in "${gbench[@]}"; do
  if [ ! -x "$bin" ]; then
    echo "no benchmark binary $bin" >&2
    exit 1
  fi
  name=$(basename "$bin")
  echo "== $name =="
  args=(--benchmark_repetitions="$repetitions"
        --benchmark_out="$out/$name.json" --benchmark_out_format=json)
  if [ "$repetitions" -gt 1 ]; then
    args+=(--benchmark_display_aggregates_only=true)
  fi
  if [ -n "$filter" ]; then args+=(--benchmark_filter="$filter"); fi
  TEST_TMPDIR="${TEST_TMPDIR:-/tmp}" "$bin" "${args[@]}"
done
if [ -z "$filter" ]; then
  for name in "${plain[@]}"; do
    bin="$build/tests/bench/$name"
    [ -x "$bin" ] || continue  # telegate_otlp_bench needs the examples
    echo "== $name =="
    TEST_TMPDIR="${TEST_TMPDIR:-/tmp}" "$bin" | tee "$out/$name.txt"
  done
fi

echo
python3 tests/bench/summarize.py --load "$load" "$out"/*.json
