package io.telegate;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.telegate.testing.Harness;
import io.telegate.testing.TestDirs;
import java.util.Collections;
import org.junit.After;
import org.junit.Test;

/** Guarantee 1 through Java: a fresh install collects, writes and creates nothing. */
public class DefaultOffTest {
  private final Harness h = new Harness();

  @After
  public void tearDown() {
    h.close();
  }

  @Test
  public void aFreshInstallCollectsNothingWritesNothingCreatesNoKey() {
    Telegate t = h.open();
    h.permissions.setQuietly("ACCESS_FINE_LOCATION", true);  // even with a permission
    t.refreshPermissions();
    int tracked = 0;
    for (CategoryStatus s : t.categoryStatus()) {
      assertFalse(s.name(), s.isOpen());
      assertTrue(s.name(), s.reasons().contains(ClosedReason.CONSENT_OFF));
      assertEquals(
          TrackResult.CLOSED,
          t.track(s.name(), "search", Collections.singletonMap("query", "DEFAULT-OFF")));
      ++tracked;
      if (!s.name().equals("log.search") && !s.name().equals("order")) {
        try {
          t.collect(s.name());
          fail("collected " + s.name());
        } catch (TelegateException e) {
          assertEquals(StatusCode.PERMISSION_DENIED, e.code());
        }
      }
    }
    Harness.flush(t);
    assertEquals(tracked, t.dropCounts().closed);
    assertEquals("no file in the data directory", 0, TestDirs.files(h.dir).size());
    assertEquals("no key created", 0, h.keys.creates());
    assertEquals("no platform seam called", 0, h.seams.totalCalls());
  }
}
