package io.telegate.bench;

import io.telegate.Category;
import io.telegate.Telegate;
import io.telegate.TelegateOptions;
import io.telegate.TrackResult;
import io.telegate.testing.FakeKeyStore;
import io.telegate.testing.FakePermissionSource;
import io.telegate.testing.TestDirs;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Speed of track from Java (not a test: a program; tests never assert times). Prints, as
 * medians over rounds:
 *
 * <ul>
 *   <li>track on a closed category through a cached Category handle, with a prebuilt
 *       attribute map: nanoseconds per call and bytes the calling thread allocated per call
 *       (HotSpot's per-thread allocation counter); targets <= 150 ns and 0 bytes;
 *   <li>track on an open category from one thread, the writer committing alongside, in
 *       batches of 4096 (inside the queue's bounds, as the C++ bench does) with an untimed
 *       flush between batches: calls per second; target >= 1 M/s.
 * </ul>
 *
 * Run it with tests/android/run-java-bench.sh (generated in the build directory).
 */
public final class TrackBench {
  private static final int ROUNDS = 7;
  private static final int CLOSED_CALLS = 2_000_000;
  private static final int BATCH = 4096;
  private static final int OPEN_BATCHES = 50;

  private TrackBench() {}

  private static String loadAverage() {
    try {
      return new String(java.nio.file.Files.readAllBytes(java.nio.file.Paths.get("/proc/loadavg")),
              java.nio.charset.StandardCharsets.US_ASCII)
          .trim();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private static long allocatedBytes() {
    return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
  }

  private static long cpuNanos() {
    return THREADS.getCurrentThreadCpuTime();
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  public static void main(String[] args) throws Exception {
    File dir = TestDirs.fresh("track-bench");
    Map<String, Object> attributes = new HashMap<>();
    attributes.put("query", "red shoes");
    attributes.put("results", 12);
    try (Telegate t =
        Telegate.open(
            TelegateOptions.builder(dir, new FakePermissionSource(), new FakeKeyStore())
                .build())) {
      Category closed = t.category("order");
      double[] nanos = new double[ROUNDS];
      double[] cpu = new double[ROUNDS];
      double[] bytes = new double[ROUNDS];
      int sink = 0;
      for (int round = -3; round < ROUNDS; ++round) {  // 3 warm-up rounds
        long allocated = allocatedBytes();
        long cpuStart = cpuNanos();
        long start = System.nanoTime();
        for (int i = 0; i < CLOSED_CALLS; ++i) {
          sink += closed.track("order", attributes).ordinal();
        }
        long elapsed = System.nanoTime() - start;
        long cpuElapsed = cpuNanos() - cpuStart;
        long allocatedAfter = allocatedBytes();
        if (round >= 0) {
          nanos[round] = (double) elapsed / CLOSED_CALLS;
          cpu[round] = (double) cpuElapsed / CLOSED_CALLS;
          bytes[round] = (double) (allocatedAfter - allocated) / CLOSED_CALLS;
        }
      }
      if (sink != CLOSED_CALLS * (ROUNDS + 3) * TrackResult.CLOSED.ordinal()) {
        throw new AssertionError("a closed track did not answer CLOSED");
      }

      t.setConsent("log.search", true);
      Category open = t.category("log.search");
      double[] rates = new double[ROUNDS];
      double[] cpuRates = new double[ROUNDS];
      long notQueued = 0;
      for (int round = -2; round < ROUNDS; ++round) {
        long timed = 0;
        long timedCpu = 0;
        for (int b = 0; b < OPEN_BATCHES; ++b) {
          long cpuStart = cpuNanos();
          long start = System.nanoTime();
          for (int i = 0; i < BATCH; ++i) {
            if (open.track("search", attributes) != TrackResult.QUEUED) ++notQueued;
          }
          timed += System.nanoTime() - start;
          timedCpu += cpuNanos() - cpuStart;
          t.flush(60, TimeUnit.SECONDS);  // untimed
        }
        if (round >= 0) {
          rates[round] = (double) OPEN_BATCHES * BATCH / (timed / 1e9);
          cpuRates[round] = (double) OPEN_BATCHES * BATCH / (timedCpu / 1e9);
        }
        t.setConsent("log.search", false);  // keeps the buffer small between rounds
        t.setConsent("log.search", true);
      }
      System.out.printf("load average at the end: %s%n", loadAverage());
      System.out.printf(
          "java track, closed category, cached Category handle: %.1f ns/call wall, %.1f ns CPU,"
              + " %.0f bytes allocated in %,d calls (medians of %d rounds)"
              + " [target <= 150 ns, 0 bytes]%n",
          median(nanos), median(cpu), median(bytes) * CLOSED_CALLS, CLOSED_CALLS, ROUNDS);
      System.out.printf(
          "java track, open category, one thread: %.2f M calls/s wall, %.2f M calls/s of the"
              + " caller's CPU (medians of %d rounds of %d x %d; %d not queued)"
              + " [target >= 1 M/s]%n",
          median(rates) / 1e6, median(cpuRates) / 1e6, ROUNDS, OPEN_BATCHES, BATCH, notQueued);
    } finally {
      TestDirs.deleteRecursively(dir);
    }
  }
}
