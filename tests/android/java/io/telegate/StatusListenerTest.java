package io.telegate;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.telegate.testing.Harness;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Test;

/** addStatusListener: every transition, in order, on the app's Executor. */
public class StatusListenerTest {
  private final Harness h = new Harness();
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "app-listener-thread"));
  private final LinkedBlockingQueue<String> heard = new LinkedBlockingQueue<>();
  private final LinkedBlockingQueue<String> threads = new LinkedBlockingQueue<>();

  @After
  public void tearDown() {
    h.close();
    executor.shutdownNow();
  }

  private final StatusListener recorder =
      change -> {
        threads.add(Thread.currentThread().getName());
        heard.add(describe(change));
      };

  private static String describe(CategoryChange c) {
    StringBuilder out = new StringBuilder(c.category());
    out.append(c.isOpen() ? " open " : " closed ").append(c.source().name().toLowerCase());
    for (ClosedReason r : c.reasons()) out.append(' ').append(r.name().toLowerCase());
    return out.toString();
  }

  private List<String> take(int n) throws InterruptedException {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; ++i) {
      String s = heard.poll(30, TimeUnit.SECONDS);
      if (s == null) break;
      out.add(s);
    }
    return out;
  }

  @Test
  public void everyTransitionArrivesInOrderOnTheAppsExecutor() throws Exception {
    h.permissions.setQuietly("ACCESS_FINE_LOCATION", true);
    Telegate t = h.open();
    t.addStatusListener(executor, recorder);

    t.setConsent("log.search", true);
    t.setConsent("location.precise", true);
    h.permissions.set("ACCESS_FINE_LOCATION", false);  // the source's listener
    h.permissions.setQuietly("ACCESS_FINE_LOCATION", true);
    t.refreshPermissions();  // onResume
    t.setMinor(true);
    t.setGuardianConsent(true);
    t.deleteAllData();

    assertEquals(
        List.of(
            "log.search open user",
            "location.precise open user",
            "location.precise closed os permission_missing",
            "location.precise open host",
            "location.precise closed host minor",
            "location.precise open host",
            // delete-all closes every open category, in catalog order
            "location.precise closed user consent_off",
            "log.search closed user consent_off"),
        take(8));
    for (String thread : threads) assertEquals("app-listener-thread", thread);
    t.close();
    assertNull("nothing more", heard.poll(200, TimeUnit.MILLISECONDS));
  }

  @Test
  public void aRemovedListenerHearsNothingMore() throws Exception {
    Telegate t = h.open();
    t.addStatusListener(Runnable::run, recorder);
    t.setConsent("log.search", true);
    assertEquals(List.of("log.search open user"), take(1));
    assertTrue(t.removeStatusListener(recorder));
    t.setConsent("log.search", false);
    t.setConsent("order", true);
    t.close();
    assertNull(heard.poll(200, TimeUnit.MILLISECONDS));
  }

  @Test
  public void theStatusAlreadyShowsTheChangeWhenTheListenerRuns() throws Exception {
    Telegate t = h.open();
    LinkedBlockingQueue<Boolean> agreed = new LinkedBlockingQueue<>();
    t.addStatusListener(
        executor,
        change -> agreed.add(Harness.status(t, change.category()).isOpen() == change.isOpen()));
    // Each change waits for its notification, so no later change can have
    // superseded the status the listener reads.
    for (int i = 0; i < 5; ++i) {
      t.setConsent("order", true);
      assertEquals(Boolean.TRUE, agreed.poll(30, TimeUnit.SECONDS));
      t.setConsent("order", false);
      assertEquals(Boolean.TRUE, agreed.poll(30, TimeUnit.SECONDS));
    }
    t.close();
  }

  @Test
  public void aRejectingExecutorOrAThrowingListenerHurtsNothing() throws Exception {
    Telegate t = h.open();
    ExecutorService dead = Executors.newSingleThreadExecutor();
    dead.shutdownNow();
    t.addStatusListener(dead, c -> recorder.onCategoryChange(c));  // rejects every task
    t.addStatusListener(Runnable::run, c -> {
      throw new IllegalStateException("the app's bug");
    });
    t.addStatusListener(executor, recorder);
    t.setConsent("log.search", true);
    t.setConsent("log.search", false);
    assertEquals(List.of("log.search open user", "log.search closed user consent_off"), take(2));
    assertEquals(TrackResult.CLOSED, t.track("log.search", "search"));
  }

  @Test
  public void addingTheSameListenerTwiceIsRefused() {
    Telegate t = h.open();
    t.addStatusListener(executor, recorder);
    try {
      t.addStatusListener(executor, recorder);
      throw new AssertionError("accepted twice");
    } catch (IllegalArgumentException expected) {
      // fine
    }
  }
}
