package io.telegate;

/**
 * Wall-clock time for capture times and retention (the native Clock seam). Without one, the
 * library uses the system clock natively (no call into Java). Must be thread-safe: {@link
 * Telegate#track} calls it on the caller's thread for every queued event.
 */
public interface Clock {
  /** Milliseconds since the Unix epoch. */
  long nowMillis();
}
