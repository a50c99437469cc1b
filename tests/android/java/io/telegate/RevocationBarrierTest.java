package io.telegate;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.telegate.testing.Forensics;
import io.telegate.testing.Harness;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Test;

/**
 * Guarantee 3 through Java, on the bytes: when a revoke made from Java returns, the category's
 * file decrypted with its key holds none of its events, no file holds them in plaintext, and
 * the key is gone from the Java key store (so a copy taken earlier stays unreadable).
 */
public class RevocationBarrierTest {
  private final Harness h = new Harness();

  @After
  public void tearDown() {
    h.close();
  }

  private static Map<String, ?> query(String text) {
    return Collections.singletonMap("query", text + "-" + "x".repeat(200));
  }

  private void trackSearches(Telegate t, String marker, int n) {
    for (int i = 0; i < n; ++i) {
      assertEquals(TrackResult.QUEUED, t.track("log.search", "search", query(marker + i)));
    }
    Harness.flush(t);
  }

  /** A client with the permission, location.precise on and one fix stored. */
  private Telegate openWithAFix() {
    h.permissions.setQuietly("ACCESS_FINE_LOCATION", true);
    Telegate t = h.open();
    t.setConsent("location.precise", true);
    t.track("location.precise", "fix", Collections.singletonMap("latitude", 31.2));
    Harness.flush(t);
    return t;
  }

  /** Every database left, decrypted page by page with its key, holds no {@code marker}. */
  private void assertNoPageHolds(String marker) {
    String consentKey = h.keys.hex("telegate.db");
    if (consentKey == null) consentKey = h.keys.hex("telegate.db.alt");
    File consent = new File(h.dir, "telegate.db");
    if (consent.exists()) {
      assertEquals(0, Forensics.pagesContaining(consent, consentKey, marker));
    }
    File[] events = new File(h.dir, "events").listFiles((d, n) -> n.endsWith(".db"));
    if (events == null) return;
    for (File f : events) {
      String category = f.getName().substring(0, f.getName().length() - 3);
      assertEquals(f.getName(), 0,
          Forensics.pagesContaining(f, h.keys.categoryKeyHex(category), marker));
    }
  }

  @Test
  public void aRevokeFromJavaLeavesNothingReadableEvenWithTheOldKey() throws Exception {
    Telegate t = h.open();
    t.setConsent("log.search", true);
    t.setConsent("order", true);
    trackSearches(t, "REVOKE-MARKER-", 50);
    assertEquals(TrackResult.QUEUED,
        t.track("order", "order", Collections.singletonMap("order_id", "KEPT-MARKER")));
    Harness.flush(t);

    File file = h.eventFile("log.search");
    String oldKey = h.keys.categoryKeyHex("log.search");
    assertNotNull(oldKey);
    // Positive control: the marker is there, and readable with the key.
    assertTrue(Forensics.pagesContaining(file, oldKey, "REVOKE-MARKER-") > 0);
    assertEquals(50, Forensics.rows(file, oldKey));
    // A copy taken before the revoke (a backup, a flash block).
    File copy = new File(h.dir.getParentFile(), h.dir.getName() + "-copy.db");
    Files.copy(file.toPath(), copy.toPath(), StandardCopyOption.REPLACE_EXISTING);

    t.setConsent("log.search", false);  // the barrier

    assertFalse("the file is gone", file.exists());
    assertFalse(new File(file.getPath() + "-wal").exists());
    assertNull("the key is destroyed: the copy is unreadable", h.keys.categoryKeyHex("log.search"));
    assertEquals(Collections.emptyList(), Forensics.filesContaining(h.dir, "REVOKE-MARKER-"));
    assertNoPageHolds("REVOKE-MARKER-");
    assertEquals(0, Harness.status(t, "log.search").bufferedEvents());
    assertEquals(50, t.dropCounts().revoked);
    // What must stay, stayed.
    assertTrue(Forensics.pagesContaining(h.eventFile("order"), h.keys.categoryKeyHex("order"),
        "KEPT-MARKER") > 0);
    copy.delete();
  }

  @Test
  public void anOsRevokeFoundAtRefreshPermissionsIsABarrier() {
    h.permissions.setQuietly("ACCESS_FINE_LOCATION", true);
    Telegate t = h.open();
    t.setConsent("location.precise", true);
    for (int i = 0; i < 20; ++i) {
      t.track("location.precise", "fix", Collections.singletonMap("latitude", 31.0 + i));
    }
    t.setConsent("log.search", true);
    trackSearches(t, "SEARCH-STAYS-", 3);
    File file = h.eventFile("location.precise");
    String key = h.keys.categoryKeyHex("location.precise");
    assertEquals(20, Forensics.rows(file, key));

    h.permissions.setQuietly("ACCESS_FINE_LOCATION", false);  // in the system settings
    t.refreshPermissions();  // onResume

    assertFalse(file.exists());
    assertNull(h.keys.categoryKeyHex("location.precise"));
    CategoryStatus s = Harness.status(t, "location.precise");
    assertFalse(s.isOpen());
    assertEquals(Collections.singletonList(ClosedReason.PERMISSION_MISSING), s.reasons());
    assertEquals(3, Harness.status(t, "log.search").bufferedEvents());
    boolean recorded = false;
    for (Ledger.Entry e : t.exportLedger().entries) {
      if (e.kind.equals("permission_changed") && e.permission.equals("ACCESS_FINE_LOCATION")) {
        assertEquals("host", e.source);
        recorded = true;
      }
    }
    assertTrue(recorded);
  }

  @Test
  public void aRevokeWhileTheProcessWasDeadIsPurgedBeforeOpenReturns() throws Exception {
    Telegate t = openWithAFix();
    File file = h.eventFile("location.precise");
    assertEquals(1, Forensics.rows(file, h.keys.categoryKeyHex("location.precise")));
    t.close();

    // Android kills the process when the user revokes a permission.
    h.permissions.setQuietly("ACCESS_FINE_LOCATION", false);
    LinkedBlockingQueue<CategoryChange> heard = new LinkedBlockingQueue<>();
    Telegate reopened = h.open(h.options().statusListener(Runnable::run, heard::add));

    assertFalse("purged before open returned", file.exists());
    assertNull(h.keys.categoryKeyHex("location.precise"));
    assertFalse(Harness.status(reopened, "location.precise").isOpen());
    CategoryChange change = heard.poll(30, TimeUnit.SECONDS);
    assertNotNull(change);
    assertEquals("location.precise", change.category());
    assertEquals(ChangeSource.STARTUP, change.source());
    assertEquals(List.of(ClosedReason.PERMISSION_MISSING), change.reasons());
  }

  @Test
  public void aRevokeThroughTheSourcesListenerIsABarrier() {
    Telegate t = openWithAFix();
    File file = h.eventFile("location.precise");
    assertTrue(file.exists());
    h.permissions.set("ACCESS_FINE_LOCATION", false);  // returns after the barrier
    assertFalse(file.exists());
    assertNull(h.keys.categoryKeyHex("location.precise"));
  }
}
