package io.telegate;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.telegate.testing.Harness;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Test;

/** Open, close, calls after close, and clients the app forgot to close. */
public class LifecycleTest {
  private final Harness h = new Harness();

  @After
  public void tearDown() {
    h.close();
  }

  private interface Call {
    void run(Telegate t);
  }

  @Test
  public void everyCallAfterCloseThrowsIllegalState() {
    Telegate t = h.open();
    Category search = t.category("log.search");
    t.close();
    t.close();  // idempotent
    List<Call> calls = new ArrayList<>();
    calls.add(x -> x.setConsent("log.search", true));
    calls.add(x -> x.setAllConsents(true));
    calls.add(x -> x.acceptPolicy("1.0"));
    calls.add(x -> x.setMinor(true));
    calls.add(x -> x.setGuardianConsent(true));
    calls.add(x -> x.refreshPermissions());
    calls.add(x -> x.track("log.search", "search"));
    calls.add(x -> search.track("search"));
    calls.add(x -> search.track("search", Collections.singletonMap("query", "q")));
    calls.add(x -> x.category("order"));
    calls.add(x -> x.collect("device.basic"));
    calls.add(x -> x.exportUserData(ExportFormat.JSON));
    calls.add(x -> x.deleteAllData());
    calls.add(x -> x.anonymize());
    calls.add(x -> x.allowIdentification());
    calls.add(x -> x.categoryStatus());
    calls.add(x -> x.dropCounts());
    calls.add(x -> x.storeHealth());
    calls.add(x -> x.exportLedger());
    calls.add(x -> x.verifyLedger());
    calls.add(x -> x.rotateKeys());
    calls.add(x -> x.flush(1, TimeUnit.SECONDS));
    calls.add(x -> x.addStatusListener(Runnable::run, c -> {}));
    calls.add(x -> x.setEndpoints(Collections.emptyList()));
    calls.add(x -> x.nextUploadTask());
    calls.add(x -> x.setCrossBorderConsent("order", "SG", true));
    for (int i = 0; i < calls.size(); ++i) {
      try {
        calls.get(i).run(t);
        fail("call " + i + " worked after close");
      } catch (IllegalStateException expected) {
        // fine
      }
    }
  }

  @Test
  public void seamsAndListenersTheAppKeepsNoReferenceToLiveAsLongAsTheClient() throws Exception {
    java.util.concurrent.LinkedBlockingQueue<CategoryChange> heard =
        new java.util.concurrent.LinkedBlockingQueue<>();
    Telegate t =
        h.open(
            TelegateOptions.builder(h.dir, new io.telegate.testing.FakePermissionSource(),
                    new io.telegate.testing.FakeKeyStore())
                .statusListener(Runnable::run, c -> heard.add(c)));
    t.addStatusListener(Runnable::run, c -> heard.add(c));
    for (int i = 0; i < 5; ++i) {
      System.gc();
      Thread.sleep(20);
    }
    t.setConsent("log.search", true);  // needs the key store
    assertEquals(TrackResult.QUEUED, t.track("log.search", "search"));
    assertEquals("both listeners", "log.search", heard.poll(30, TimeUnit.SECONDS).category());
    assertEquals("log.search", heard.poll(30, TimeUnit.SECONDS).category());
  }

  private static List<Thread> threadsNamed(String name) {
    List<Thread> out = new ArrayList<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().equals(name)) out.add(thread);
    }
    return out;
  }

  /** Threads named {@code name} that were not in {@code before}. */
  private static List<Thread> newThreadsNamed(String name, List<Thread> before) {
    List<Thread> out = threadsNamed(name);
    out.removeAll(before);
    return out;
  }

  @Test
  public void nativeThreadsAttachOnceAsDaemonsAndDetachWhenTheyEnd() throws Exception {
    // Other tests' clients (some only freed when collected) may still end
    // their threads meanwhile: this test follows the threads of its own.
    List<Thread> writersBefore = threadsNamed("telegate-writer");
    List<Thread> notifiersBefore = threadsNamed("telegate-notify");
    Telegate t = h.open();
    java.util.concurrent.atomic.AtomicInteger heard =
        new java.util.concurrent.atomic.AtomicInteger();
    t.addStatusListener(Runnable::run, c -> heard.incrementAndGet());
    for (int i = 0; i < 20; ++i) {
      t.setConsent("log.search", i % 2 == 0);  // the writer reads the Java key store...
      t.refreshPermissions();  // ...and the Java permission source
    }
    // The notification thread attaches at its first delivery to Java.
    Harness.waitUntil(() -> heard.get() >= 1, "a first delivery to the listener");
    List<Thread> writers = newThreadsNamed("telegate-writer", writersBefore);
    assertEquals("attached once, under its own name", 1, writers.size());
    assertTrue("a daemon", writers.get(0).isDaemon());
    List<Thread> notifiers = newThreadsNamed("telegate-notify", notifiersBefore);
    assertEquals("attached once, under its own name", 1, notifiers.size());
    assertTrue("a daemon", notifiers.get(0).isDaemon());
    t.close();
    // Close joins both; detaching is the last thing each does.
    Harness.waitUntil(
        () -> !threadsNamed("telegate-writer").contains(writers.get(0))
            && !threadsNamed("telegate-notify").contains(notifiers.get(0)),
        "both detached when they ended");
  }

  @Test
  public void aSecondClientOnTheSameDirectoryIsRefused() {
    h.open();
    try {
      Telegate.open(h.options().build());
      fail("two clients on one directory");
    } catch (TelegateException e) {
      assertEquals(StatusCode.FAILED_PRECONDITION, e.code());
    }
  }

  @Test
  public void badOptionsAreRefused() {
    try {
      Telegate.open(h.options().policyDocument(new byte[] {1, 2, 3}).build());
      fail("opened with a malformed policy");
    } catch (TelegateException e) {
      assertEquals(StatusCode.INVALID_ARGUMENT, e.code());
    }
    try {
      TelegateOptions.builder(h.dir, null, h.keys);
      fail("no permission source");
    } catch (IllegalArgumentException expected) {
      // fine
    }
  }

  @Test
  public void aClientTheAppDroppedIsClosedWhenCollected() throws Exception {
    openTrackAndDrop();
    // Its data directory stays locked until the cleaner closes it.
    Telegate second = null;
    for (int attempt = 0; attempt < 300 && second == null; ++attempt) {
      System.gc();
      try {
        second = Telegate.open(h.options().build());
      } catch (TelegateException locked) {
        assertEquals(StatusCode.FAILED_PRECONDITION, locked.code());
        Thread.sleep(20);
      }
    }
    assertTrue("never closed", second != null);
    assertEquals("its last event was committed when it closed", 1,
        Harness.status(second, "log.search").bufferedEvents());
    second.close();
  }

  @Test
  public void aListenerHoldingItsClientDoesNotKeepItAlive() throws Exception {
    int before = NativeCleaner.liveCount();
    openWithSelfReferencingListener();
    for (int attempt = 0; attempt < 300 && NativeCleaner.liveCount() > before; ++attempt) {
      System.gc();
      Thread.sleep(20);
    }
    assertEquals("the native client was freed", before, NativeCleaner.liveCount());
  }

  private void openTrackAndDrop() {
    Telegate t = Telegate.open(h.options().build());
    t.setConsent("log.search", true);
    assertEquals(TrackResult.QUEUED, t.track("log.search", "search"));
  }

  private void openWithSelfReferencingListener() {
    final Telegate[] self = new Telegate[1];
    self[0] = Telegate.open(h.options().statusListener(Runnable::run, c -> self[0].dropCounts()).build());
    self[0].addStatusListener(Runnable::run, c -> self[0].categoryStatus());
    self[0].setConsent("order", true);
    self[0].setConsent("order", false);
  }
}
