package io.telegate;

import java.nio.charset.StandardCharsets;

/**
 * Reads the protobuf wire format: the small subset the bridge's messages use (varints,
 * 64-bit doubles, length-delimited fields). Plain Java, so an app needs no protobuf runtime.
 * Malformed input throws {@link IllegalStateException}; the bytes come from the library, so
 * that is a bug, never user input.
 *
 * <p>Not thread-safe: one reader per message.
 */
final class ProtoReader {
  static final int VARINT = 0;
  static final int FIXED64 = 1;
  static final int LENGTH_DELIMITED = 2;
  static final int FIXED32 = 5;

  private final byte[] buffer;
  private int position;
  private final int limit;
  private int tag;

  ProtoReader(byte[] buffer) {
    this(buffer, 0, buffer.length);
  }

  private ProtoReader(byte[] buffer, int offset, int limit) {
    this.buffer = buffer;
    this.position = offset;
    this.limit = limit;
  }

  /** Advances to the next field; false at the end of the message. */
  boolean next() {
    if (position >= limit) return false;
    tag = (int) readVarint();
    if ((tag >>> 3) == 0) throw new IllegalStateException("field number 0");
    return true;
  }

  int field() {
    return tag >>> 3;
  }

  int wireType() {
    return tag & 7;
  }

  long readVarint() {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (position >= limit) throw new IllegalStateException("truncated varint");
      byte b = buffer[position++];
      result |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) return result;
    }
    throw new IllegalStateException("varint too long");
  }

  long readInt64() {
    return readVarint();
  }

  int readInt32() {
    return (int) readVarint();
  }

  boolean readBool() {
    return readVarint() != 0;
  }

  double readDouble() {
    if (limit - position < 8) throw new IllegalStateException("truncated double");
    long bits = 0;
    for (int i = 0; i < 8; ++i) bits |= (long) (buffer[position++] & 0xFF) << (8 * i);
    return Double.longBitsToDouble(bits);
  }

  byte[] readBytes() {
    int length = readLength();
    byte[] out = new byte[length];
    System.arraycopy(buffer, position, out, 0, length);
    position += length;
    return out;
  }

  String readString() {
    int length = readLength();
    String out = new String(buffer, position, length, StandardCharsets.UTF_8);
    position += length;
    return out;
  }

  /** A reader over the embedded message of this field. */
  ProtoReader readMessage() {
    int length = readLength();
    ProtoReader sub = new ProtoReader(buffer, position, position + length);
    position += length;
    return sub;
  }

  /** Skips the current field's value. */
  void skip() {
    switch (wireType()) {
      case VARINT:
        readVarint();
        break;
      case FIXED64:
        advance(8);
        break;
      case LENGTH_DELIMITED:
        advance(readLength());
        break;
      case FIXED32:
        advance(4);
        break;
      default:
        throw new IllegalStateException("unsupported wire type " + wireType());
    }
  }

  private int readLength() {
    long length = readVarint();
    if (length < 0 || length > limit - position) {
      throw new IllegalStateException("length past the end of the message");
    }
    return (int) length;
  }

  private void advance(int n) {
    if (n > limit - position) throw new IllegalStateException("truncated field");
    position += n;
  }
}
