package io.telegate;

import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Closes and frees the native side of a {@link Telegate} the app dropped without closing,
 * once it is garbage-collected: a PhantomReference queue drained by one daemon thread
 * (java.lang.ref.Cleaner only exists from Android API 33; the SDK supports API 24+).
 *
 * <p>Native memory is freed only here, never by close(): a phantom-reachable client has no
 * method running (native methods keep their receiver reachable), so nothing can use the
 * memory afterwards.
 */
final class NativeCleaner {
  private static final ReferenceQueue<Object> QUEUE = new ReferenceQueue<>();
  // Keeps the references themselves reachable until they are processed.
  private static final Set<Handle> LIVE =
      Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
  private static Thread thread;  // guarded by NativeCleaner.class

  private NativeCleaner() {}

  private static final class Handle extends PhantomReference<Object> {
    final long nativeHandle;

    Handle(Object owner, long nativeHandle) {
      super(owner, QUEUE);
      this.nativeHandle = nativeHandle;
    }
  }

  /** Frees {@code nativeHandle} with {@link Telegate#nativeDestroy} once owner is gone. */
  static void register(Object owner, long nativeHandle) {
    LIVE.add(new Handle(owner, nativeHandle));
    startThread();
  }

  /** Clients registered and not yet freed (for tests). */
  static int liveCount() {
    return LIVE.size();
  }

  private static synchronized void startThread() {
    if (thread != null) return;
    thread = new Thread(NativeCleaner::drain, "telegate-cleaner");
    thread.setDaemon(true);
    thread.start();
  }

  private static void drain() {
    for (;;) {
      Reference<?> ref;
      try {
        ref = QUEUE.remove();
      } catch (InterruptedException e) {
        continue;  // a daemon: it lives as long as the process
      }
      Handle handle = (Handle) ref;
      try {
        Telegate.nativeDestroy(handle.nativeHandle);
      } catch (Throwable t) {
        // Never let one client's cleanup stop the others'.
      }
      LIVE.remove(handle);  // only now is it freed (its threads ended)
    }
  }
}
