#!/usr/bin/env python3
"""Prints one summary table from Google Benchmark JSON files.

Usage: summarize.py [--load "1.0 0.5 0.2"] results/*.json

Every benchmark gets a row (the median of its repetitions when there are
several). Figures with a target (TARGETS below) are checked and marked MET or
MISSED. To add a target for a new benchmark, append a Target line.
"""
import argparse
import json
import os
import sys
from collections import namedtuple

# name: the benchmark's run name (as printed by the binary).
# value: "real_ns" / "cpu_ns" (time per iteration, in ns) or a counter name.
# op: "<=", ">=" or "==" against limit; None for a figure shown for information.
Target = namedtuple("Target", "label name value op limit unit")

TARGETS = [
    Target("Track, closed category: time per call (CPU)",
           "BM_TrackClosed", "cpu_ns", "<=", 20, "ns"),
    Target("Track, closed category: time per call (wall)",
           "BM_TrackClosed", "real_ns", None, None, "ns"),
    Target("Track, closed category: heap allocations per call",
           "BM_TrackClosed", "allocs_per_call", "==", 0, ""),
    Target("Track, open category: calls/s on one thread (wall)",
           "BM_TrackOpen/writer_idle:0/manual_time", "calls_per_s", ">=", 2e6,
           "/s"),
    Target("Track, open category: CPU per call",
           "BM_TrackOpen/writer_idle:0/manual_time", "cpu_ns_per_call", None,
           None, "ns"),
    Target("Track, open category: p50 latency",
           "BM_TrackOpenLatency/iterations:50", "p50_ns", None, None, "ns"),
    Target("Track, open category: p99 latency",
           "BM_TrackOpenLatency/iterations:50", "p99_ns", None, None, "ns"),
    Target("Track, open category: p99.9 latency",
           "BM_TrackOpenLatency/iterations:50", "p999_ns", None, None, "ns"),
    Target("Open on an existing data dir (wall)",
           "BM_OpenExisting/manual_time", "real_ns", None, None, "ns"),
    Target("Open on an existing data dir (CPU, all threads)",
           "BM_OpenExisting/manual_time", "open_cpu_ms", None, None, "ms"),
]

UNIT_NS = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}


def load_runs(paths):
    """Returns {run_name: run} preferring the median aggregate, and the
    context of the first file."""
    runs = {}
    context = None
    for path in paths:
        with open(path) as f:
            data = json.load(f)
        context = context or data.get("context", {})
        medians = {}
        singles = {}
        for b in data.get("benchmarks", []):
            name = b.get("run_name", b["name"])
            if b.get("error_occurred"):
                singles[name] = b
                continue
            if b.get("run_type") == "aggregate":
                if b.get("aggregate_name") == "median":
                    medians[name] = b
            else:
                singles.setdefault(name, b)
        for name, b in singles.items():
            runs[name] = medians.get(name, b)
        for name, b in medians.items():
            runs.setdefault(name, b)
    return runs, context or {}


def value_of(run, key):
    if key in ("real_ns", "cpu_ns"):
        field = "real_time" if key == "real_ns" else "cpu_time"
        return run[field] * UNIT_NS[run.get("time_unit", "ns")]
    return run.get(key)


def human(v, unit):
    if v is None:
        return "-"
    if unit == "ns" and v >= 1e6:
        return "%.1f ms" % (v / 1e6)
    if unit == "ns" and v >= 1e4:
        return "%.1f us" % (v / 1e3)
    if unit == "/s":
        return "%.2f M/s" % (v / 1e6)
    if unit == "":
        return "%g" % v
    return "%.1f %s" % (v, unit)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--load", default="")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    runs, ctx = load_runs(args.files)

    print("== Telegate benchmarks ==")
    print("machine: %s CPUs at %s MHz; build: Release; library build: %s" %
          (ctx.get("num_cpus", "?"), ctx.get("mhz_per_cpu", "?"),
           ctx.get("library_build_type", "?")))
    if args.load:
        print("load average at start: %s (other processes share the CPUs)" %
              args.load)
    print("figures: median of the repetitions; times per iteration")
    print()
    print("%-48s %12s %12s  %s" % ("benchmark", "wall", "cpu", "counters"))
    for name in sorted(runs, key=lambda n: list(runs).index(n)):
        run = runs[name]
        if run.get("error_occurred"):
            print("%-48s ERROR: %s" % (name, run.get("error_message", "")))
            continue
        unit = run.get("time_unit", "ns")
        counters = []
        skip = {"name", "run_name", "run_type", "repetitions",
                "repetition_index", "threads", "iterations", "real_time",
                "cpu_time", "time_unit", "family_index",
                "per_family_instance_index", "aggregate_name",
                "aggregate_unit", "label", "error_occurred", "error_message"}
        for k, v in run.items():
            if k not in skip and isinstance(v, (int, float)):
                counters.append("%s=%.4g" % (k, v))
        print("%-48s %9.4g %-2s %9.4g %-2s  %s" %
              (name[:48], run["real_time"], unit, run["cpu_time"], unit,
               " ".join(counters)))

    print()
    print("%-52s %14s %12s  %s" % ("figure", "measured", "target", "result"))
    missed = 0
    for t in TARGETS:
        run = runs.get(t.name)
        if run is None:
            continue
        if run.get("error_occurred"):
            print("%-52s %14s %12s  ERROR" % (t.label, "-", "-"))
            missed += 1
            continue
        v = value_of(run, t.value)
        if t.op is None:
            print("%-52s %14s %12s" % (t.label, human(v, t.unit), ""))
            continue
        ok = {"<=": lambda: v <= t.limit, ">=": lambda: v >= t.limit,
              "==": lambda: v == t.limit}[t.op]()
        missed += 0 if ok else 1
        print("%-52s %14s %12s  %s" %
              (t.label, human(v, t.unit), "%s %s" % (t.op, human(t.limit, t.unit)),
               "MET" if ok else "MISSED"))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
