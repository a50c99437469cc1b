package io.telegate;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.telegate.testing.Harness;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import org.junit.After;
import org.junit.Test;

/**
 * 100k calls through every kind of JNI crossing — Java to native (track, status), native to
 * Java on the writer thread (the permission source at each refresh, the collection seams) and
 * on the notification thread (a listener) — with no growth. Local references: -Xcheck:jni
 * reports any frame past its capacity, and ctest fails the test on that report (positive
 * control: Android.JniCheckReportsALocalReferenceLeak). Memory: resident size and the Java heap
 * after the loop, against a first pass that warmed everything up.
 */
public class JniHygieneTest {
  private static final int CALLS = Integer.getInteger("telegate.hygiene.calls", 100_000);
  private final Harness h = new Harness();

  @After
  public void tearDown() {
    h.close();
  }

  private static long residentKb() throws IOException {
    for (String line : Files.readAllLines(Paths.get("/proc/self/status"), StandardCharsets.UTF_8)) {
      if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
    throw new AssertionError("no VmRSS");
  }

  private static long heapBytes() {
    for (int i = 0; i < 3; ++i) System.gc();
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }

  private void pass(Telegate t, int calls) {
    Category closed = t.category("log.access");  // never opened
    Category open = t.category("log.search");
    Map<String, Object> attributes = new HashMap<>();
    attributes.put("query", "shoes");
    attributes.put("results", 12);
    for (int i = 0; i < calls; ++i) {
      switch (i % 10) {
        case 0:
          assertEquals(TrackResult.QUEUED, open.track("search", attributes));
          break;
        case 1:
          t.dropCounts();
          break;
        case 2:
          if (i % 1000 == 2) t.refreshPermissions();  // the writer calls Java
          break;
        case 3:
          if (i % 1000 == 3) t.collect("device.basic");  // the writer calls a seam
          break;
        case 4:
          if (i % 2000 == 4) t.setConsent("order", (i / 2000) % 2 == 0);  // a listener
          break;
        default:
          assertEquals(TrackResult.CLOSED, closed.track("access", attributes));
      }
    }
    Harness.flush(t);
    t.setConsent("log.search", false);  // keeps the buffer from growing between passes
    t.setConsent("log.search", true);
  }

  @Test
  public void aHundredThousandCallsGrowNothing() throws Exception {
    h.permissions.setQuietly("ACCESS_FINE_LOCATION", true);
    Telegate t = h.open();
    t.setConsent("log.search", true);
    t.setConsent("device.basic", true);
    t.addStatusListener(Runnable::run, change -> {});
    pass(t, CALLS / 5);  // warm-up: caches, JIT, SQLCipher pages
    long rss = residentKb();
    long heap = heapBytes();
    pass(t, CALLS);
    long rssGrowth = residentKb() - rss;
    long heapGrowth = heapBytes() - heap;
    System.out.println("after " + CALLS + " calls: resident +" + rssGrowth + " KiB, heap +"
        + heapGrowth / 1024 + " KiB");
    assertTrue("resident size grew " + rssGrowth + " KiB", rssGrowth < 8 * 1024);
    assertTrue("Java heap grew " + heapGrowth + " bytes", heapGrowth < 4 * 1024 * 1024);
    assertTrue(h.seams.calls("facts") >= CALLS / 1000);
  }
}
