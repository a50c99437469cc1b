package io.telegate;

/** Events not kept, by reason, since the client opened ({@link Telegate#dropCounts}). */
public final class DropCounts {
  /** Tracked on a closed category (never captured). */
  public final long closed;
  /** Destroyed by a revoke: buffered or in flight. */
  public final long revoked;
  /** The in-memory queue was full. */
  public final long queueFull;
  /** Evicted by the byte or row quota. */
  public final long quota;
  /** Past the category's retention. */
  public final long expired;
  /** Rejected for good by the server. */
  public final long uploadRejected;
  /** Could not be written (disk full, I/O error). */
  public final long storeError;
  /** Unreadable because the key was lost. */
  public final long keyLost;
  /** Nothing was left once identifying data went. */
  public final long anonymized;

  private DropCounts(long[] v) {
    closed = v[1];
    revoked = v[2];
    queueFull = v[3];
    quota = v[4];
    expired = v[5];
    uploadRejected = v[6];
    storeError = v[7];
    keyLost = v[8];
    anonymized = v[9];
  }

  @Override
  public String toString() {
    return "closed=" + closed + " revoked=" + revoked + " queue_full=" + queueFull
        + " quota=" + quota + " expired=" + expired + " upload_rejected=" + uploadRejected
        + " store_error=" + storeError + " key_lost=" + keyLost + " anonymized=" + anonymized;
  }

  /** Decodes a telegate.android.proto.DropCounts. */
  static DropCounts decode(byte[] bytes) {
    long[] v = new long[10];
    ProtoReader r = new ProtoReader(bytes);
    while (r.next()) {
      if (r.field() >= 1 && r.field() <= 9 && r.wireType() == ProtoReader.VARINT) {
        v[r.field()] = r.readInt64();
      } else {
        r.skip();
      }
    }
    return new DropCounts(v);
  }
}
