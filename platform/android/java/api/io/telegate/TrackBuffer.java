package io.telegate;

import java.util.Map;

/**
 * One track call's event name and attributes, laid out in primitive arrays so that they cross
 * into native code in one JNI call, without a JNI call per key or value (the native side reads
 * them as a block: platform/android/jni/track_call.h). One per thread, reused.
 *
 * <p>Layout: {@code text} holds the event name, then each attribute's key and, for a string,
 * its value, as UTF-16 (converted natively, where an unpaired surrogate is refused). {@code
 * layout} is {@code [count, eventLength, then per attribute: type, keyLength, valueLength]}
 * (valueLength 0 unless a string). {@code numbers} holds each non-string value: the long, the
 * double's raw bits, or 1/0.
 *
 * <p>Thread-confined.
 */
final class TrackBuffer {
  static final int STRING = 0;
  static final int INT = 1;
  static final int DOUBLE = 2;
  static final int BOOL = 3;

  // Buffers past these sizes are dropped after use, so one huge event does
  // not keep a huge buffer alive on its thread.
  private static final int KEPT_TEXT = 16 * 1024;
  private static final int KEPT_ATTRIBUTES = 64;

  private static final ThreadLocal<TrackBuffer> PER_THREAD =
      new ThreadLocal<TrackBuffer>() {
        @Override
        protected TrackBuffer initialValue() {
          return new TrackBuffer();
        }
      };

  char[] text = new char[512];
  int textLength;
  int[] layout = new int[2 + 3 * 16];
  int layoutLength;
  long[] numbers = new long[16];

  static TrackBuffer get() {
    return PER_THREAD.get();
  }

  /**
   * Lays out {@code event} and {@code attributes}.
   *
   * @throws IllegalArgumentException for a null or non-String key, a null value, or a value
   *     that is not a String, Integer, Long, Double or Boolean
   * @throws TelegateException INVALID_ARGUMENT past {@code maxAttributes} attributes or {@code
   *     maxTextUnits} characters in all (no event that long could be stored)
   */
  void encode(String event, Map<String, ?> attributes, int maxAttributes, long maxTextUnits) {
    int n = attributes.size();
    if (n > maxAttributes) {
      throw new TelegateException(
          StatusCode.INVALID_ARGUMENT, n + " attributes; at most " + maxAttributes);
    }
    textLength = 0;
    ensureAttributes(n);
    layout[0] = n;
    layout[1] = event.length();
    layoutLength = 2;
    append(event, maxTextUnits);
    int i = 0;
    for (Map.Entry<String, ?> entry : attributes.entrySet()) {
      if (i == n) throw new IllegalArgumentException("the attributes map changed while tracking");
      Object key = entry.getKey();
      if (key == null) throw new IllegalArgumentException("null attribute key");
      if (!(key instanceof String)) {
        throw new IllegalArgumentException("an attribute key is not a String");
      }
      String name = (String) key;
      Object value = entry.getValue();
      if (value == null) throw new IllegalArgumentException("attribute \"" + name + "\" is null");
      append(name, maxTextUnits);
      int type;
      int valueLength = 0;
      if (value instanceof String) {
        type = STRING;
        valueLength = ((String) value).length();
        append((String) value, maxTextUnits);
      } else if (value instanceof Integer || value instanceof Long) {
        type = INT;
        numbers[i] = ((Number) value).longValue();
      } else if (value instanceof Double) {
        type = DOUBLE;
        numbers[i] = Double.doubleToRawLongBits((Double) value);
      } else if (value instanceof Boolean) {
        type = BOOL;
        numbers[i] = ((Boolean) value) ? 1 : 0;
      } else {
        throw new IllegalArgumentException(
            "attribute \"" + name + "\" is not a String, Integer, Long, Double or Boolean");
      }
      layout[layoutLength++] = type;
      layout[layoutLength++] = name.length();
      layout[layoutLength++] = valueLength;
      ++i;
    }
    if (i != n) throw new IllegalArgumentException("the attributes map changed while tracking");
  }

  /** After the native call: drops buffers a huge event grew. */
  void release() {
    if (text.length > KEPT_TEXT) text = new char[512];
    if (numbers.length > KEPT_ATTRIBUTES) {
      numbers = new long[16];
      layout = new int[2 + 3 * 16];
    }
  }

  private void append(String s, long maxTextUnits) {
    int length = s.length();
    if (textLength + (long) length > maxTextUnits) {
      throw new TelegateException(
          StatusCode.INVALID_ARGUMENT, "the event is longer than any event may be");
    }
    if (textLength + length > text.length) {
      char[] grown = new char[Math.max(textLength + length, 2 * text.length)];
      System.arraycopy(text, 0, grown, 0, textLength);
      text = grown;
    }
    s.getChars(0, length, text, textLength);
    textLength += length;
  }

  private void ensureAttributes(int n) {
    if (numbers.length < n) {
      numbers = new long[n];
      layout = new int[2 + 3 * n];
    }
  }
}
