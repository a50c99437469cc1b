package io.telegate;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.telegate.testing.Harness;
import java.util.Collections;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Test;

/**
 * Seams that throw: a Java exception on the writer thread becomes a status (never a crash,
 * never a pending exception left in the VM); a throwing permission source counts as "not
 * granted".
 */
public class SeamFailureTest {
  private final Harness h = new Harness();

  @After
  public void tearDown() {
    h.close();
  }

  @Test
  public void aThrowingPermissionSourceClosesAndPurges() {
    h.permissions.setQuietly("ACCESS_FINE_LOCATION", true);
    Telegate t = h.open();
    t.setConsent("location.precise", true);
    t.track("location.precise", "fix", Collections.singletonMap("latitude", 1.0));
    Harness.flush(t);
    assertTrue(h.eventFile("location.precise").exists());
    h.permissions.failWith(new IllegalStateException("the source broke"));
    t.refreshPermissions();
    assertFalse(Harness.status(t, "location.precise").isOpen());
    assertFalse(h.eventFile("location.precise").exists());
    h.permissions.failWith(null);
    t.refreshPermissions();
    assertTrue(Harness.status(t, "location.precise").isOpen());
  }

  @Test
  public void aSourceWhoseOsLevelThrowsFailsOpenWithItsMessage() {
    PermissionSource broken =
        new PermissionSource() {
          @Override
          public int osLevel() {
            throw new UnsupportedOperationException("no level");
          }

          @Override
          public boolean isGranted(String permission) {
            return false;
          }

          @Override
          public void setListener(Listener listener) {}
        };
    try {
      Telegate.open(TelegateOptions.builder(h.dir, broken, h.keys).build());
      fail("opened");
    } catch (TelegateException e) {
      assertEquals(StatusCode.UNAVAILABLE, e.code());
      assertTrue(e.getMessage(), e.getMessage().contains("UnsupportedOperationException: no level"));
    }
  }

  @Test
  public void aThrowingKeyStoreFailsTheCallNotTheProcess() {
    Telegate t = h.open();
    h.keys.failWith(new RuntimeException("keystore locked"));
    try {
      t.setConsent("log.search", true);
      fail("consent stored without a key");
    } catch (TelegateException e) {
      assertEquals(StatusCode.UNAVAILABLE, e.code());
      assertTrue(e.getMessage(), e.getMessage().contains("keystore locked"));
    }
    h.keys.failWith(new TelegateException(StatusCode.RESOURCE_EXHAUSTED, "full"));
    try {
      t.setConsent("log.search", true);
      fail("consent stored without a key");
    } catch (TelegateException e) {
      assertEquals("a TelegateException keeps its code", StatusCode.RESOURCE_EXHAUSTED, e.code());
    }
    h.keys.failWith(null);
    t.setConsent("log.search", true);
    assertEquals(TrackResult.QUEUED, t.track("log.search", "search"));
  }

  @Test
  public void aThrowingCollectionSeamIsUnavailableAndCounted() {
    Telegate t = h.open();
    h.seams.failWith(new IllegalStateException("sensor broke"));
    t.setConsent("device.basic", true);  // collects at once: the seam throws
    try {
      t.collect("device.basic");
      fail("collected");
    } catch (TelegateException e) {
      assertEquals(StatusCode.UNAVAILABLE, e.code());
      assertTrue(e.getMessage(), e.getMessage().contains("DeviceFacts.read threw "
          + "java.lang.IllegalStateException: sensor broke"));
    }
    assertTrue(Harness.status(t, "device.basic").collectionWarnings() >= 1);
    h.seams.failWith(null);
    h.seams.returnNull(true);
    try {
      t.collect("device.basic");
      fail("collected nothing");
    } catch (TelegateException e) {
      assertEquals(StatusCode.UNAVAILABLE, e.code());
    }
    h.seams.returnNull(false);
    assertEquals("Pixel 8", t.collect("device.basic").events.get(0).fields.get("model"));
  }

  @Test
  public void anErrorOrACheckedExceptionFromASeamIsContainedToo() {
    Telegate t = h.open();
    h.seams.failWith(null);
    t.setConsent("network.carrier", true);
    Throwable[] thrown = {
      new StackOverflowError(), new AssertionError("boom"), new java.io.IOException("checked")
    };
    for (Throwable e : thrown) {
      h.seams.failWith(e);
      try {
        t.collect("network.carrier");
        fail();
      } catch (TelegateException expected) {
        assertEquals(StatusCode.UNAVAILABLE, expected.code());
      }
    }
  }

  @Test
  public void aThrowingClockOrSchedulerFallsBack() {
    Clock broken = () -> {
      throw new IllegalStateException("no time");
    };
    TaskScheduler refusing =
        new TaskScheduler() {
          @Override
          public long schedule(long delayMillis, Runnable task) {
            throw new IllegalStateException("no timers");
          }

          @Override
          public void cancel(long token) {
            throw new IllegalStateException("no timers");
          }
        };
    Telegate t = h.open(h.options().clock(broken).scheduler(refusing));
    t.setConsent("log.search", true);
    t.setConsent("device.basic", true);  // schedules its daily collection: refused
    assertEquals(TrackResult.QUEUED, t.track("log.search", "search"));
    Harness.flush(t);
    long captured = t.exportUserData().category("log.search").events.get(0).captureTimeMillis;
    assertTrue("the system clock stood in", Math.abs(captured - System.currentTimeMillis())
        < TimeUnit.HOURS.toMillis(1));
    t.setConsent("device.basic", false);  // cancels: refused too
  }
}
