package io.telegate;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.telegate.testing.Forensics;
import io.telegate.testing.Harness;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.After;
import org.junit.Test;

/** Many Java threads tracking while another revokes: every revoke is still a barrier. */
public class ConcurrencyTest {
  private final Harness h = new Harness();

  @After
  public void tearDown() {
    h.close();
  }

  @Test
  public void manyThreadsTrackWhileAnotherRevokesAndNothingSurvives() throws Exception {
    Telegate t = h.open();
    t.setConsent("order", true);
    Category order = t.category("order");
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong queued = new AtomicLong();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> producers = new ArrayList<>();
    for (int p = 0; p < 4; ++p) {
      final int id = p;
      Thread thread =
          new Thread(
              () -> {
                try {
                  long n = 0;
                  while (!stop.get()) {
                    TrackResult r =
                        order.track(
                            "order",
                            Collections.singletonMap("order_id", "RACE-MARKER-" + id + "-" + n++));
                    if (r == TrackResult.QUEUED) queued.incrementAndGet();
                  }
                } catch (Throwable e) {
                  failure.compareAndSet(null, e);
                }
              });
      thread.start();
      producers.add(thread);
    }
    for (int round = 0; round < 10; ++round) {
      long before = queued.get();
      while (queued.get() < before + 200 && failure.get() == null) Thread.yield();
      t.setConsent("order", false);
      assertFalse("round " + round, h.eventFile("order").exists());
      assertNull("round " + round, h.keys.categoryKeyHex("order"));
      t.setConsent("order", true);
    }
    t.setConsent("order", false);
    stop.set(true);
    for (Thread thread : producers) thread.join();
    if (failure.get() != null) throw new AssertionError(failure.get());
    Harness.flush(t);
    assertFalse(h.eventFile("order").exists());
    assertEquals(Collections.emptyList(), Forensics.filesContaining(h.dir, "RACE-MARKER"));
    assertTrue(queued.get() >= 2000);
    assertEquals("every queued event was destroyed by a revoke, and counted once",
        queued.get(), t.dropCounts().revoked);
  }
}
