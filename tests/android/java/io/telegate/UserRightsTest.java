package io.telegate;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.telegate.testing.Forensics;
import io.telegate.testing.Harness;
import io.telegate.testing.TestDirs;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.After;
import org.junit.Test;

/** Guarantee 9 through Java: export, delete everything, anonymize — checked on the bytes. */
public class UserRightsTest {
  private final Harness h = new Harness();

  @After
  public void tearDown() {
    h.close();
  }

  private Telegate openWithEvents() {
    Telegate t = h.open();
    t.setConsent("log.search", true);
    t.setConsent("log.access", true);
    t.setConsent("order", true);
    t.track("log.search", "search", Collections.singletonMap("query", "EXPORT-MARKER"));
    Map<String, Object> access = new HashMap<>();
    access.put("ip", "10.1.2.3");
    access.put("browser", "ACCESS-MARKER");
    t.track("log.access", "access", access);
    Map<String, Object> order = new HashMap<>();
    order.put("order_id", "ORDER-ID-MARKER");
    order.put("amount_minor", 1250L);
    order.put("currency", "CNY");
    order.put("item_count", 3);
    t.track("order", "order", order);
    Harness.flush(t);
    return t;
  }

  @Test
  public void theExportHoldsEveryEventTheConsentStateAndTheLedger() {
    Telegate t = openWithEvents();
    UserDataExport export = t.exportUserData();
    UserDataExport.CategoryData search = export.category("log.search");
    assertNotNull(search);
    assertTrue(search.consentOn);
    assertTrue(search.open);
    assertEquals(1, search.events.size());
    assertEquals("EXPORT-MARKER", search.events.get(0).attributes.get("query"));
    UserDataExport.Event order = export.category("order").events.get(0);
    assertEquals(1250L, order.attributes.get("amount_minor"));
    assertEquals("CNY", order.attributes.get("currency"));
    assertEquals(3L, order.attributes.get("item_count"));
    assertFalse(export.category("location.precise").consentOn);
    assertTrue(export.ledger.entries.size() >= 6);
    assertEquals(32, export.ledger.headHash.length);

    String json = new String(t.exportUserData(ExportFormat.JSON), StandardCharsets.UTF_8);
    assertTrue(json.startsWith("{"));
    assertTrue(json.contains("\"EXPORT-MARKER\""));
    t.verifyLedger();
  }

  @Test
  public void deleteAllDataLeavesOnlyTheRecordOfTheDeletion() {
    Telegate t = openWithEvents();
    String oldConsentKey = h.keys.hex("telegate.db");
    t.deleteAllData();
    for (CategoryStatus s : t.categoryStatus()) {
      assertFalse(s.name(), s.isOpen());
      assertEquals(0, s.bufferedEvents());
    }
    for (String marker : new String[] {"EXPORT-MARKER", "ACCESS-MARKER", "ORDER-ID-MARKER"}) {
      assertEquals(marker, Collections.emptyList(), Forensics.filesContaining(h.dir, marker));
    }
    for (File f : TestDirs.files(h.dir)) {
      assertFalse("no event file left: " + f, f.getPath().contains("events" + File.separator));
    }
    assertFalse("the consent database's old key is gone",
        oldConsentKey.equals(h.keys.hex("telegate.db")));
    assertEquals(1, h.keys.size());
    Ledger ledger = t.exportLedger();
    assertEquals(1, ledger.entries.size());
    assertEquals("delete_all", ledger.entries.get(0).kind);
    assertEquals(3, ledger.entries.get(0).purgedEvents);
  }

  @Test
  public void anonymizeRewritesIdentifyingFieldsUnderNewKeys() {
    Telegate t = openWithEvents();
    String oldAccessKey = h.keys.categoryKeyHex("log.access");
    t.anonymize();
    UserDataExport export = t.exportUserData();
    Map<String, Object> access = export.category("log.access").events.get(0).attributes;
    assertEquals("10.1.2.0", access.get("ip"));
    assertEquals("ACCESS-MARKER", access.get("browser"));
    assertFalse(export.category("order").events.get(0).attributes.containsKey("order_id"));
    assertFalse("keys rotated", oldAccessKey.equals(h.keys.categoryKeyHex("log.access")));
    File accessFile = h.eventFile("log.access");
    assertEquals(0, Forensics.pagesContaining(accessFile, h.keys.categoryKeyHex("log.access"),
        "10.1.2.3"));
    assertEquals(0, Forensics.pagesContaining(h.eventFile("order"),
        h.keys.categoryKeyHex("order"), "ORDER-ID-MARKER"));
    // Later events too, until identification is allowed again.
    Map<String, Object> later = new HashMap<>();
    later.put("ip", "192.168.7.9");
    t.track("log.access", "access", later);
    Harness.flush(t);
    assertEquals(0, Forensics.pagesContaining(accessFile, h.keys.categoryKeyHex("log.access"),
        "192.168.7.9"));
    t.allowIdentification();
  }
}
