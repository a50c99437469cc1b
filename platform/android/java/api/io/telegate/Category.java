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
    return TrackResult.forOrdinal(nativeTrack(telegate.handle, handle, event, null));
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
      return TrackResult.forOrdinal(nativeTrack(telegate.handle, handle, event, null));
    }
    if (!openHint && nativeProbe(telegate.handle, handle, event) != NEEDS_ATTRIBUTES) {
      return TrackResult.CLOSED;
    }
    int result = nativeTrack(telegate.handle, handle, event, flatten(attributes));
    openHint = result != CLOSED;
    return TrackResult.forOrdinal(result);
  }

  private static Object[] flatten(Map<String, ?> attributes) {
    int n = attributes.size();
    if (n > MAX_ATTRIBUTES) {
      throw new TelegateException(
          StatusCode.INVALID_ARGUMENT, n + " attributes; at most " + MAX_ATTRIBUTES);
    }
    Object[] keysAndValues = new Object[2 * n];
    int i = 0;
    for (Map.Entry<String, ?> entry : attributes.entrySet()) {
      if (i == keysAndValues.length) {
        throw new IllegalArgumentException("the attributes map changed while tracking");
      }
      keysAndValues[i++] = entry.getKey();
      keysAndValues[i++] = entry.getValue();
    }
    if (i != keysAndValues.length) {
      throw new IllegalArgumentException("the attributes map changed while tracking");
    }
    return keysAndValues;
  }

  /** QUEUED, CLOSED or QUEUE_FULL (TrackResult ordinals); throws for bad input. */
  private native int nativeTrack(long client, long category, String event, Object[] kv);

  /** CLOSED, or NEEDS_ATTRIBUTES when the category is open. Queues nothing. */
  private native int nativeProbe(long client, long category, String event);

  static {
    if (QUEUED != TrackResult.QUEUED.ordinal() || CLOSED != TrackResult.CLOSED.ordinal()) {
      throw new AssertionError("TrackResult order");
    }
  }
}
