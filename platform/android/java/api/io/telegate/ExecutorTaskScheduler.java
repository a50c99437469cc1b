package io.telegate;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link TaskScheduler} over one daemon thread of a ScheduledExecutorService (no
 * WorkManager). Thread-safe. {@link #shutdown} when no client uses it any more.
 */
public final class ExecutorTaskScheduler implements TaskScheduler {
  private final ScheduledExecutorService executor;
  // A token is live from schedule until it runs or is cancelled: whoever
  // removes it first decides.
  private final Set<Long> live = ConcurrentHashMap.newKeySet();
  private final Map<Long, ScheduledFuture<?>> futures = new ConcurrentHashMap<>();
  private final AtomicLong nextToken = new AtomicLong(1);

  public ExecutorTaskScheduler() {
    ThreadFactory daemon =
        runnable -> {
          Thread t = new Thread(runnable, "telegate-timer");
          t.setDaemon(true);
          return t;
        };
    this.executor = Executors.newSingleThreadScheduledExecutor(daemon);
  }

  @Override
  public long schedule(long delayMillis, Runnable task) {
    final Long token = nextToken.getAndIncrement();
    live.add(token);
    ScheduledFuture<?> future =
        executor.schedule(
            () -> {
              if (!live.remove(token)) return;  // cancelled
              futures.remove(token);
              task.run();
            },
            Math.max(0, delayMillis),
            TimeUnit.MILLISECONDS);
    futures.put(token, future);
    if (!live.contains(token)) futures.remove(token);  // ran or cancelled meanwhile
    return token;
  }

  @Override
  public void cancel(long token) {
    if (!live.remove(token)) return;
    ScheduledFuture<?> future = futures.remove(token);
    if (future != null) future.cancel(false);
  }

  /** Tasks scheduled and neither run nor cancelled yet. */
  public int pendingCount() {
    return live.size();
  }

  /** Stops the thread; pending tasks never run. */
  public void shutdown() {
    live.clear();
    futures.clear();
    executor.shutdownNow();
  }
}
