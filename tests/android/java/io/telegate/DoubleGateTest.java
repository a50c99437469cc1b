package io.telegate;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.telegate.testing.Harness;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import org.junit.After;
import org.junit.Test;

/** Guarantee 2 through Java: consent AND every permission, as the Java source reports it. */
public class DoubleGateTest {
  private static final Map<String, ?> FIX = Collections.singletonMap("latitude", 31.2);
  private final Harness h = new Harness();

  @After
  public void tearDown() {
    h.close();
  }

  @Test
  public void consentWithoutThePermissionKeepsTheCategoryClosed() {
    Telegate t = h.open();
    t.setConsent("location.precise", true);
    CategoryStatus s = Harness.status(t, "location.precise");
    assertFalse(s.isOpen());
    assertTrue(s.isConsentOn());
    assertEquals(Arrays.asList(ClosedReason.PERMISSION_MISSING), s.reasons());
    assertEquals(Arrays.asList("ACCESS_FINE_LOCATION"), s.missingPermissions());
    assertEquals(TrackResult.CLOSED, t.track("location.precise", "fix", FIX));
    assertTrue("asked the Java source", h.permissions.checks("ACCESS_FINE_LOCATION") > 0);
  }

  @Test
  public void thePermissionWithoutConsentKeepsTheCategoryClosed() {
    h.permissions.setQuietly("ACCESS_FINE_LOCATION", true);
    Telegate t = h.open();
    CategoryStatus s = Harness.status(t, "location.precise");
    assertFalse(s.isOpen());
    assertEquals(Arrays.asList(ClosedReason.CONSENT_OFF), s.reasons());
    assertEquals(TrackResult.CLOSED, t.track("location.precise", "fix", FIX));
  }

  @Test
  public void bothOpenTheCategoryWhicheverComesLast() {
    Telegate t = h.open();
    t.setConsent("location.precise", true);
    h.permissions.setQuietly("ACCESS_FINE_LOCATION", true);
    assertEquals("not before the host asks", TrackResult.CLOSED,
        t.track("location.precise", "fix", FIX));
    t.refreshPermissions();
    assertTrue(Harness.status(t, "location.precise").isOpen());
    assertEquals(TrackResult.QUEUED, t.track("location.precise", "fix", FIX));
    Harness.flush(t);
    assertEquals(1, Harness.status(t, "location.precise").bufferedEvents());
  }

  @Test
  public void aGrantTheSourceReportsThroughItsListenerOpensAtOnce() {
    Telegate t = h.open();
    assertTrue("the bridge handed the source a listener", h.permissions.hasListener());
    t.setConsent("location.precise", true);
    h.permissions.set("ACCESS_FINE_LOCATION", true);
    assertTrue(Harness.status(t, "location.precise").isOpen());
  }
}
