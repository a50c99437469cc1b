package io.telegate;

/**
 * Timers for the catalog's collection schedules (the native TaskScheduler seam). {@link
 * ExecutorTaskScheduler} is one over a ScheduledExecutorService. With every category closed
 * the library schedules nothing. Must be thread-safe.
 */
public interface TaskScheduler {
  /**
   * Runs {@code task} once, {@code delayMillis} (>= 0) from now, on a thread that is not the
   * caller's. Tasks are short and never block. Returns a token for {@link #cancel}.
   */
  long schedule(long delayMillis, Runnable task);

  /** A task that has not started will not run. Unknown tokens are ignored. Never waits. */
  void cancel(long token);
}
