package io.telegate;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.telegate.testing.Harness;
import java.util.Map;
import org.junit.After;
import org.junit.Test;

/**
 * The collection seams through the bridge: the writer thread calls the Java seams, their
 * results cross as bytes, and a closed category's seam is never called.
 */
public class CollectTest {
  private static final String[] PLATFORM_CATEGORIES = {
    "device.basic", "device.identifiers", "device.app_list", "device.usage", "location.precise",
    "location.coarse", "location.wifi", "location.bluetooth", "location.cell", "network.carrier",
    "log.access"
  };
  private static final String[] PERMISSIONS = {
    "READ_PHONE_STATE", "QUERY_ALL_PACKAGES", "PACKAGE_USAGE_STATS", "ACCESS_FINE_LOCATION",
    "ACCESS_COARSE_LOCATION", "ACCESS_WIFI_STATE", "NEARBY_WIFI_DEVICES", "BLUETOOTH_SCAN"
  };
  private final Harness h = new Harness();

  @After
  public void tearDown() {
    h.close();
  }

  @Test
  public void aClosedCategorysSeamIsNeverCalled() {
    for (String p : PERMISSIONS) h.permissions.setQuietly(p, true);
    Telegate t = h.open(h.options().scheduler(new ExecutorTaskScheduler()));
    for (String category : PLATFORM_CATEGORIES) {
      try {
        t.collect(category);
        fail(category);
      } catch (TelegateException e) {
        assertEquals(StatusCode.PERMISSION_DENIED, e.code());
      }
    }
    assertEquals(0, h.seams.totalCalls());
  }

  @Test
  public void everySeamCrossesTheBridge() {
    for (String p : PERMISSIONS) h.permissions.setQuietly(p, true);
    Telegate t = h.open();
    for (String category : PLATFORM_CATEGORIES) t.setConsent(category, true);
    Map<String, String> basic = t.collect("device.basic").events.get(0).fields;
    assertEquals("Pixel 8", basic.get("model"));
    assertEquals("8192", basic.get("memory_mb"));
    Map<String, String> precise = t.collect("location.precise").events.get(0).fields;
    assertTrue(precise.get("latitude"), precise.get("latitude").startsWith("31.2304"));
    Map<String, String> coarse = t.collect("location.coarse").events.get(0).fields;
    assertEquals("rounded by the collector", "31.23", coarse.get("latitude"));
    Map<String, String> wifi = t.collect("location.wifi").events.get(0).fields;
    assertEquals("Cafe Wifi", wifi.get("ssid"));
    assertFalse("hashed", wifi.toString().contains("00:11:22:33:44:55"));
    Map<String, String> cell = t.collect("location.cell").events.get(0).fields;
    assertEquals("lte", cell.get("radio"));
    assertEquals("460", cell.get("mcc"));
    assertEquals("China Mobile", t.collect("network.carrier").events.get(0).fields.get("operator_name"));
    assertEquals("10.1.2.3", t.collect("log.access").events.get(0).fields.get("ip"));
    assertFalse(t.collect("device.app_list").events.isEmpty());
    assertFalse(t.collect("device.usage").events.isEmpty());
    assertFalse(t.collect("location.bluetooth").events.isEmpty());
    Map<String, String> ids = t.collect("device.identifiers").events.get(0).fields;
    assertFalse("hashed", ids.toString().contains("a1b2c3d4e5f60718"));
  }

  @Test
  public void timersGoThroughTheJavaSchedulerAndStopWithTheCategory() throws Exception {
    ExecutorTaskScheduler scheduler = new ExecutorTaskScheduler();
    try {
      Telegate t = h.open(h.options().scheduler(scheduler));
      assertEquals("nothing scheduled while everything is closed", 0, scheduler.pendingCount());
      t.setConsent("device.basic", true);  // collects at start, then daily
      Harness.flush(t);
      // The collection at consent runs from the scheduler's thread: it may
      // still be on its way when flush returns. The firing timer leaves the
      // scheduler before the writer re-arms the daily one, and the writer
      // re-arms it before it collects: once facts were read, one is pending.
      Harness.waitUntil(() -> h.seams.calls("facts") >= 1, "the collection at consent");
      assertEquals("the daily collection", 1, scheduler.pendingCount());
      t.setConsent("device.basic", false);
      assertEquals("cancelled through the bridge", 0, scheduler.pendingCount());
    } finally {
      scheduler.shutdown();
    }
  }
}
