package io.telegate;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.telegate.testing.Harness;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.After;
import org.junit.Test;

/**
 * Hostile input from Java: nulls, huge maps, text that is not valid UTF-16, values of the wrong
 * type. Each call either works or throws IllegalArgumentException / TelegateException; the VM
 * never crashes and the client keeps working. Text crosses as real UTF-8 (not JNI's modified
 * UTF-8): NUL and supplementary characters come back exactly.
 */
public class HostileInputTest {
  private final Harness h = new Harness();

  @After
  public void tearDown() {
    h.close();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Map<String, ?> raw(Object key, Object value) {
    Map map = new HashMap();
    map.put(key, value);
    return map;
  }

  private static void expectIllegalArgument(Runnable call, String messagePart) {
    try {
      call.run();
      fail("accepted");
    } catch (IllegalArgumentException e) {
      assertTrue(e.getMessage(), e.getMessage().contains(messagePart));
    }
  }

  @Test
  public void nullsAndWrongTypesThrowIllegalArgumentException() {
    Telegate t = h.open();
    t.setConsent("log.search", true);
    Category search = t.category("log.search");
    expectIllegalArgument(() -> t.setConsent(null, true), "null category");
    expectIllegalArgument(() -> t.track(null, "search"), "null category");
    expectIllegalArgument(() -> search.track(null), "null event");
    expectIllegalArgument(() -> search.track("search", null), "null attributes");
    expectIllegalArgument(() -> search.track("search", raw(null, "x")), "null attribute key");
    expectIllegalArgument(() -> search.track("search", raw(42, "x")), "not a String");
    expectIllegalArgument(() -> search.track("search", raw("query", null)), "is null");
    for (Object wrong : new Object[] {1.5f, 'c', (short) 1, (byte) 1, new Object(), new int[1],
        new StringBuilder("q"), java.math.BigInteger.ONE}) {
      expectIllegalArgument(() -> search.track("search", raw("query", wrong)),
          "is not a String, Integer, Long, Double or Boolean");
    }
    expectIllegalArgument(() -> t.acceptPolicy(null), "null version");
    expectIllegalArgument(() -> t.setEndpoints(null), "null endpoints");
    expectIllegalArgument(() -> t.exportUserData(null), "null format");
  }

  @Test
  public void unpairedSurrogatesAreRejectedWithAClearError() {
    Telegate t = h.open();
    t.setConsent("log.search", true);
    Category search = t.category("log.search");
    expectIllegalArgument(
        () -> search.track("search", raw("query", "abc\uD83Ddef")), "unpaired high surrogate at index 3");
    expectIllegalArgument(
        () -> search.track("search", raw("query", "\uDE00x")), "unpaired low surrogate at index 0");
    expectIllegalArgument(() -> search.track("search", raw("query", "end\uD800")), "unpaired");
    expectIllegalArgument(() -> search.track("sea\uDC00rch"), "event: string has an unpaired");
    expectIllegalArgument(() -> t.setConsent("log.\uD800search", true), "category: string has");
    assertEquals(0, Harness.status(t, "log.search").bufferedEvents());
  }

  @Test
  public void nulAndSupplementaryCharactersRoundTripExactly() {
    Telegate t = h.open();
    t.setConsent("log.search", true);
    String text = "a\u0000b \uD83D\uDE00 \u00E9\u4E2D \uDBFF\uDFFF";
    assertEquals(TrackResult.QUEUED, t.track("log.search", "search", raw("query", text)));
    Harness.flush(t);
    assertEquals(text, t.exportUserData().category("log.search").events.get(0).attributes.get("query"));
    String json = new String(t.exportUserData(ExportFormat.JSON), StandardCharsets.UTF_8);
    assertTrue("UTF-8, not modified UTF-8 (no C0 80, no CESU surrogates)",
        json.contains("\uD83D\uDE00") && json.contains("\u4E2D"));
  }

  @Test
  public void hugeInputIsRefusedBeforeItIsCopiedWhole() {
    Telegate t = h.open();
    t.setConsent("log.search", true);
    Category search = t.category("log.search");
    Map<String, Object> huge = new HashMap<>();
    for (int i = 0; i < 5000; ++i) huge.put("k" + i, i);
    try {
      search.track("search", huge);
      fail("accepted 5000 attributes");
    } catch (TelegateException e) {
      assertEquals(StatusCode.INVALID_ARGUMENT, e.code());
    }
    StringBuilder big = new StringBuilder();
    for (int i = 0; i < (4 << 20); ++i) big.append('q');
    try {
      search.track("search", raw("query", big.toString()));
      fail("accepted a 4M character value");
    } catch (TelegateException e) {
      assertEquals(StatusCode.INVALID_ARGUMENT, e.code());
    }
    try {
      search.track("search", raw("query", big.substring(0, 16_370)));
      fail("accepted an event over 16 KiB");
    } catch (TelegateException e) {
      assertEquals(StatusCode.INVALID_ARGUMENT, e.code());
      assertTrue(e.getMessage(), e.getMessage().contains("limit"));
    }
  }

  /** Random calls with random junk; the seed is printed so a failure can be replayed. */
  @Test
  public void randomHostileCallsNeverCrashOrCorrupt() {
    long seed = Long.getLong("telegate.seed", System.nanoTime());
    System.out.println("HostileInputTest seed " + seed);
    Random random = new Random(seed);
    Telegate t = h.open();
    t.setConsent("log.search", true);
    t.setConsent("order", true);
    String[] categories = {"log.search", "order", "device.basic", "nope", "", null, "log.\uD800",
        "location.precise", "x".repeat(300)};
    String[] events = {"search", "order", "fix", "", null, "\uDFFF", "search\u0000"};
    String[] keys = {"query", "results", "order_id", "amount_minor", "", "k\uD801", null};
    Object[] values = {"text", 7, 7L, 2.5, true, null, 'x', 1.5f, new Object(), "\uD83D",
        "\uD83D\uDE00", Long.MAX_VALUE, Double.NaN, ""};
    int accepted = 0;
    for (int i = 0; i < 5000; ++i) {
      String category = categories[random.nextInt(categories.length)];
      String event = events[random.nextInt(events.length)];
      Map<Object, Object> attributes = new HashMap<>();
      int n = random.nextInt(100) == 0 ? 2000 : random.nextInt(4);
      for (int k = 0; k < n; ++k) {
        attributes.put(k < keys.length ? keys[random.nextInt(keys.length)] : "k" + k,
            values[random.nextInt(values.length)]);
      }
      try {
        switch (random.nextInt(6)) {
          case 0:
            t.setConsent(category, random.nextBoolean());
            break;
          case 1:
            t.acceptPolicy(event);
            break;
          case 2:
            t.setCrossBorderConsent(category, event, random.nextBoolean());
            break;
          default:
            @SuppressWarnings("unchecked")
            Map<String, ?> typed = (Map<String, ?>) (Map<?, ?>) attributes;
            if (t.track(category, event, random.nextInt(10) == 0 ? null : typed)
                == TrackResult.QUEUED) {
              ++accepted;
            }
        }
      } catch (IllegalArgumentException | TelegateException expected) {
        // refused, as it should be
      }
    }
    // Still sound: consent works, a valid event is stored, the ledger verifies.
    t.setConsent("log.search", true);
    assertEquals(TrackResult.QUEUED,
        t.track("log.search", "search", Collections.singletonMap("query", "after the storm")));
    Harness.flush(t);
    t.verifyLedger();
    List<String> queries = new ArrayList<>();
    for (UserDataExport.Event e : t.exportUserData().category("log.search").events) {
      queries.add(String.valueOf(e.attributes.get("query")));
    }
    assertTrue(queries.contains("after the storm"));
    System.out.println("accepted " + accepted + " of the random tracks");
  }
}
