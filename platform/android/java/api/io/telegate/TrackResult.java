package io.telegate;

/**
 * What {@link Telegate#track} did with an event. These are normal outcomes, never thrown:
 * the app tracks without knowing what the user allowed.
 */
public enum TrackResult {
  /** Queued for the encrypted buffer. */
  QUEUED,
  /** The category is closed: nothing was captured (counted in {@link DropCounts#closed}). */
  CLOSED,
  /** The in-memory queue is full: the event was dropped (counted). */
  QUEUE_FULL;

  private static final TrackResult[] BY_ORDINAL = values();

  /** From the native side's ordinal. */
  static TrackResult forOrdinal(int ordinal) {
    return BY_ORDINAL[ordinal];
  }
}
