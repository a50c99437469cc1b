package io.telegate;

import java.util.Map;

/**
 * A cached handle on one category, for the hot path: {@code Category search =
 * telegate.category("log.search")} once, then {@code search.track("search", attributes)}.
 * Tracking a closed category through a handle allocates nothing and returns {@link
 * TrackResult#CLOSED}: the attributes map is not even read.
 *
 * <p>Thread-safe. Valid as long as its {@link Telegate} (after close, track throws {@link
 * IllegalStateException}).
 */
public final class Category {
  /** More attributes than this in one event are refused outright. */
  public static final int MAX_ATTRIBUTES = 1024;

  // Native results (telegate_jni.cc, TrackCode).
  private static final int QUEUED = 0;
  private static final int CLOSED = 1;
  private static final int NEEDS_ATTRIBUTES = 3;

  private final Telegate telegate;
  private final long handle;
  private final String name;
  // Whether the last track found the category open. A closed category is
  // probed before the attributes are converted; an open one is not. Only a
  // hint: the native gate decides either way.
  private volatile boolean openHint = true;

  Category(Telegate telegate, long handle, String name) {
    this.telegate = telegate;
    this.handle = handle;
    this.name = name;
  }

  public String name() {
    return name;
  }

  /** Tracks {@code event} (declared in the catalog for this category), without attributes. */
  public TrackResult track(String event) {
    telegate.checkOpen();
    if (event == null) throw new IllegalArgumentException("null event");
    return TrackResult.forOrdinal(nativeTrack(telegate.handle, handle, event));
  }

  /**
   * Tracks {@code event} with attributes. Values must be String, Integer, Long, Double or
   * Boolean, of the type the catalog declares; keys must be declared for the event.
   *
   * @return {@link TrackResult#QUEUED}, or {@link TrackResult#CLOSED} / {@link
   *     TrackResult#QUEUE_FULL} when it was dropped (counted)
   * @throws IllegalArgumentException for a null or mistyped key or value, or text that is not
   *     valid UTF-16 (an unpaired surrogate)
   * @throws TelegateException INVALID_ARGUMENT for an undeclared event or attribute, a value
   *     of the wrong catalog type, or an event over the size limit
   * @throws IllegalStateException after close
   */
  public TrackResult track(String event, Map<String, ?> attributes) {
    telegate.checkOpen();
    if (event == null) throw new IllegalArgumentException("null event");
    if (attributes == null) throw new IllegalArgumentException("null attributes");
    if (attributes.isEmpty()) {
      return TrackResult.forOrdinal(nativeTrack(telegate.handle, handle, event));
    }
    if (!openHint && nativeProbe(telegate.handle, handle, event) != NEEDS_ATTRIBUTES) {
      return TrackResult.CLOSED;
    }
    TrackBuffer buffer = TrackBuffer.get();
    int result;
    try {
      buffer.encode(event, attributes, MAX_ATTRIBUTES, telegate.maxEventBytes);
      result =
          nativeTrackEncoded(
              telegate.handle,
              handle,
              buffer.text,
              buffer.textLength,
              buffer.layout,
              buffer.layoutLength,
              buffer.numbers);
    } finally {
      buffer.release();
    }
    openHint = result != CLOSED;
    return TrackResult.forOrdinal(result);
  }

  /** QUEUED, CLOSED or QUEUE_FULL (TrackResult ordinals); no attributes. */
  private native int nativeTrack(long client, long category, String event);

  /** The same with the event and attributes laid out by {@link TrackBuffer}. */
  private native int nativeTrackEncoded(
      long client,
      long category,
      char[] text,
      int textLength,
      int[] layout,
      int layoutLength,
      long[] numbers);

  /** CLOSED, or NEEDS_ATTRIBUTES when the category is open. Queues nothing. */
  private native int nativeProbe(long client, long category, String event);

  static {
    if (QUEUED != TrackResult.QUEUED.ordinal() || CLOSED != TrackResult.CLOSED.ordinal()) {
      throw new AssertionError("TrackResult order");
    }
  }
}
