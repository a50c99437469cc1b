package io.telegate.testing;

import io.telegate.CategoryStatus;
import io.telegate.Telegate;
import io.telegate.TelegateOptions;
import java.io.File;
import java.util.concurrent.TimeUnit;

/**
 * What most JVM tests need: a fresh data directory, the fake seams, and clients opened on
 * them (closed at the end).
 */
public final class Harness implements AutoCloseable {
  public final File dir = TestDirs.fresh("telegate-jvm");
  public final FakePermissionSource permissions = new FakePermissionSource();
  public final FakeKeyStore keys = new FakeKeyStore();
  public final CountingSeams seams = new CountingSeams();
  private Telegate last;

  /** Options with every fake seam. */
  public TelegateOptions.Builder options() {
    return TelegateOptions.builder(dir, permissions, keys)
        .appId("com.example.shop")
        .deviceFacts(seams.facts)
        .deviceIdentity(seams.identity)
        .installedApps(seams.apps)
        .usageRecords(seams.usage)
        .location(seams.location)
        .nearbyNetworks(seams.nearby)
        .baseStations(seams.cells)
        .network(seams.network)
        .access(seams.access);
  }

  public Telegate open() {
    return open(options());
  }

  public Telegate open(TelegateOptions.Builder options) {
    last = Telegate.open(options.build());
    return last;
  }

  /** The event file of {@code category}. */
  public File eventFile(String category) {
    return new File(dir, "events/" + category + ".db");
  }

  public static CategoryStatus status(Telegate t, String category) {
    for (CategoryStatus s : t.categoryStatus()) {
      if (s.name().equals(category)) return s;
    }
    throw new AssertionError("no category " + category);
  }

  public static void flush(Telegate t) {
    t.flush(30, TimeUnit.SECONDS);
  }

  /**
   * Waits (up to 20 s) until {@code condition} holds, for what happens on
   * another thread after the call that caused it returned (a timer the
   * scheduler fires); fails naming {@code what} otherwise.
   */
  public static void waitUntil(java.util.function.BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("never happened: " + what);
      Thread.sleep(5);
    }
  }

  @Override
  public void close() {
    if (last != null) last.close();
    TestDirs.deleteRecursively(dir);
  }
}
