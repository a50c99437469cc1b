package io.telegate;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes the protobuf wire format for the messages the bridge sends to the native side
 * (seam results, options). Proto3 rules: fields at their default value are left out, except
 * those written with {@link #writeOptionalInt64} / {@link #writeOptionalDouble}.
 *
 * <p>Not thread-safe: one writer per message.
 */
final class ProtoWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  byte[] toByteArray() {
    return out.toByteArray();
  }

  ProtoWriter writeString(int field, String value) {
    if (value == null || value.isEmpty()) return this;
    return writeBytes(field, value.getBytes(StandardCharsets.UTF_8));
  }

  ProtoWriter writeBytes(int field, byte[] value) {
    if (value == null || value.length == 0) return this;
    writeTag(field, ProtoReader.LENGTH_DELIMITED);
    writeVarint(value.length);
    out.write(value, 0, value.length);
    return this;
  }

  ProtoWriter writeInt64(int field, long value) {
    if (value == 0) return this;
    writeTag(field, ProtoReader.VARINT);
    writeVarint(value);
    return this;
  }

  ProtoWriter writeOptionalInt64(int field, Long value) {
    if (value == null) return this;
    writeTag(field, ProtoReader.VARINT);
    writeVarint(value);
    return this;
  }

  ProtoWriter writeBool(int field, boolean value) {
    if (!value) return this;
    writeTag(field, ProtoReader.VARINT);
    writeVarint(1);
    return this;
  }

  ProtoWriter writeDouble(int field, double value) {
    if (Double.doubleToRawLongBits(value) == 0) return this;
    return writeFixedDouble(field, value);
  }

  ProtoWriter writeOptionalDouble(int field, Double value) {
    if (value == null) return this;
    return writeFixedDouble(field, value);
  }

  ProtoWriter writeMessage(int field, ProtoWriter message) {
    byte[] bytes = message.toByteArray();
    writeTag(field, ProtoReader.LENGTH_DELIMITED);
    writeVarint(bytes.length);
    out.write(bytes, 0, bytes.length);
    return this;
  }

  ProtoWriter writeStrings(int field, Iterable<String> values) {
    if (values == null) return this;
    for (String value : values) {
      // A repeated field keeps empty elements.
      byte[] bytes = value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
      writeTag(field, ProtoReader.LENGTH_DELIMITED);
      writeVarint(bytes.length);
      out.write(bytes, 0, bytes.length);
    }
    return this;
  }

  private ProtoWriter writeFixedDouble(int field, double value) {
    writeTag(field, ProtoReader.FIXED64);
    long bits = Double.doubleToRawLongBits(value);
    for (int i = 0; i < 8; ++i) out.write((int) (bits >>> (8 * i)) & 0xFF);
    return this;
  }

  private void writeTag(int field, int wireType) {
    writeVarint(((long) field << 3) | wireType);
  }

  private void writeVarint(long value) {
    while ((value & ~0x7FL) != 0) {
      out.write((int) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
  }
}
