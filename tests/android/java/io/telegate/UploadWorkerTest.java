package io.telegate;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.telegate.testing.Collector;
import io.telegate.testing.Harness;
import io.telegate.testing.StallingServer;
import java.io.File;
import java.util.Collections;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.After;
import org.junit.Test;

/** UploadWorker over HttpURLConnection against real loopback HTTP; the core decides. */
public class UploadWorkerTest {
  private final Harness h = new Harness();

  @After
  public void tearDown() {
    h.close();
  }

  private Telegate openWithSearches(String url, int n) {
    Telegate t = h.open();
    t.setEndpoints(Collections.singletonList(new Endpoint(url, "CN")));
    t.setConsent("log.search", true);
    for (int i = 0; i < n; ++i) {
      t.track("log.search", "search", Collections.singletonMap("query", "UPLOAD-MARKER-" + i));
    }
    Harness.flush(t);
    return t;
  }

  @Test
  public void batchesReachTheExampleCollectorAndLeaveTheBufferOnlyWhenAcknowledged()
      throws Exception {
    File out = new File(h.dir.getParentFile(), h.dir.getName() + "-collected.jsonl");
    try (Collector collector = new Collector(out)) {
      Telegate t = openWithSearches(collector.url, 20);
      UploadWorker.Result result = new UploadWorker(t).run(60_000);
      assertEquals(20, result.eventsAcknowledged);
      assertTrue(result.batchesAcknowledged >= 1);
      assertEquals(0, result.batchesRetry);
      assertEquals(0, Harness.status(t, "log.search").bufferedEvents());
      String stored = collector.stored();
      for (int i = 0; i < 20; ++i) assertTrue(stored.contains("UPLOAD-MARKER-" + i));
      assertEquals("nothing left to do", 0, new UploadWorker(t).run(60_000).batchesSent);
    } finally {
      out.delete();
    }
  }

  @Test
  public void aRevokeStopsASendInProgress() throws Exception {
    try (StallingServer server = new StallingServer(null)) {
      Telegate t = openWithSearches(server.url(), 5);
      AtomicReference<UploadWorker.Result> result = new AtomicReference<>();
      Thread worker = new Thread(() -> result.set(new UploadWorker(t, 5_000, 120_000).run(120_000)));
      worker.start();
      assertTrue(server.requestRead.await(30, TimeUnit.SECONDS));
      t.setConsent("log.search", false);  // cancels the batch, wakes the connection
      worker.join(60_000);
      assertFalse("the worker stopped without the server answering", worker.isAlive());
      assertNotNull(result.get());
      assertEquals(1, result.get().batchesCancelled);
      assertEquals(0, result.get().batchesAcknowledged);
      assertEquals(0, Harness.status(t, "log.search").bufferedEvents());
    }
  }

  @Test
  public void aRedirectIsNotFollowed() throws Exception {
    try (StallingServer elsewhere = new StallingServer(StallingServer.response(200, "", new byte[0]));
        StallingServer redirecting =
            new StallingServer(
                StallingServer.response(307, "Location: " + elsewhere.url() + "\r\n", new byte[0]))) {
      Telegate t = openWithSearches(redirecting.url(), 3);
      UploadWorker.Result result = new UploadWorker(t).run(60_000);
      assertEquals(1, result.batchesRetry);
      assertNotNull("backing off", result.retryAfterMillis);
      assertEquals("never went to the Location", 0, elsewhere.requests.get());
      assertEquals(3, Harness.status(t, "log.search").bufferedEvents());
    }
  }

  @Test
  public void aHugeAnswerIsReadOnlyUpToTheCapAndIsNoAcknowledgement() throws Exception {
    byte[] body = new byte[4 << 20];
    try (StallingServer server = new StallingServer(StallingServer.response(200, "", body))) {
      Telegate t = openWithSearches(server.url(), 2);
      UploadWorker.Result result = new UploadWorker(t).run(60_000);
      assertEquals(1, result.batchesRetry);
      assertEquals(2, Harness.status(t, "log.search").bufferedEvents());
    }
  }

  @Test
  public void plainHttpGoesOnlyToALiteralLoopbackAddress() throws Exception {
    assertTrue(UploadWorker.isLiteralLoopback("127.0.0.1"));
    assertTrue(UploadWorker.isLiteralLoopback("127.255.3.4"));
    assertTrue(UploadWorker.isLiteralLoopback("[::1]"));
    assertFalse(UploadWorker.isLiteralLoopback("localhost"));
    assertFalse(UploadWorker.isLiteralLoopback("127.0.0.1.example.com"));
    assertFalse(UploadWorker.isLiteralLoopback("128.0.0.1"));
    assertFalse(UploadWorker.isLiteralLoopback("127.0.0.256"));
    assertFalse(UploadWorker.isLiteralLoopback("127.1"));
    File out = new File(h.dir.getParentFile(), h.dir.getName() + "-localhost.jsonl");
    try (Collector collector = new Collector(out)) {
      Telegate t = h.open();
      String byName = collector.url.replace("127.0.0.1", "localhost");
      try {
        t.setEndpoints(Collections.singletonList(new Endpoint(byName, "CN")));
      } catch (TelegateException refusedByTheCore) {
        return;  // refused even earlier: fine
      }
      t.setConsent("log.search", true);
      t.track("log.search", "search", Collections.singletonMap("query", "BY-NAME"));
      Harness.flush(t);
      UploadWorker.Result result = new UploadWorker(t).run(60_000);
      assertEquals(0, result.batchesAcknowledged);
      assertEquals("", collector.stored());
    } finally {
      out.delete();
    }
  }
}
