package io.telegate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The consent ledger, verified by the native side before it was handed out ({@link
 * Telegate#exportLedger}): every grant, revoke, policy acceptance, permission change, open,
 * close and purge, hash-chained. Never holds event contents.
 */
public final class Ledger {
  private static final String[] KINDS = {
    "unspecified", "consent_granted", "consent_revoked", "policy_accepted", "minor_set",
    "guardian_set", "permission_changed", "category_opened", "category_closed", "purge",
    "reconciled", "cross_border", "delete_all", "anonymized"
  };
  private static final String[] SOURCES = {
    "unspecified", "user", "os", "host", "startup", "policy"
  };

  /** One entry. */
  public static final class Entry {
    public long seq;
    public long timeMillis;
    /** "consent_granted", "purge", ... (telegate.proto.LedgerKind, lower case). */
    public String kind = "";
    /** "user", "os", "host", "startup" or "policy". */
    public String source = "";

    public String category = "";
    public boolean on;
    public String policyVersion = "";
    public String permission = "";
    public long purgedEvents;
    public String detail = "";
    /** SHA-256 of this entry's canonical bytes. */
    public byte[] hash = new byte[0];

    @Override
    public String toString() {
      return seq + " " + kind + " " + source + " " + category + (on ? " on" : "")
          + (detail.isEmpty() ? "" : " " + detail);
    }
  }

  public final List<Entry> entries;
  public final byte[] headHash;

  private Ledger(List<Entry> entries, byte[] headHash) {
    this.entries = Collections.unmodifiableList(entries);
    this.headHash = headHash;
  }

  /** Decodes a serialized telegate.proto.LedgerExport. */
  public static Ledger parse(byte[] bytes) {
    return decode(new ProtoReader(bytes));
  }

  static Ledger decode(ProtoReader r) {
    List<Entry> entries = new ArrayList<>();
    byte[] head = new byte[0];
    while (r.next()) {
      if (r.field() == 1) {
        entries.add(decodeRecord(r.readMessage()));
      } else if (r.field() == 2) {
        head = r.readBytes();
      } else {
        r.skip();
      }
    }
    return new Ledger(entries, head);
  }

  private static Entry decodeRecord(ProtoReader r) {
    Entry e = new Entry();
    while (r.next()) {
      if (r.field() == 1) {
        decodeEntry(new ProtoReader(r.readBytes()), e);
      } else if (r.field() == 2) {
        e.hash = r.readBytes();
      } else {
        r.skip();
      }
    }
    return e;
  }

  private static void decodeEntry(ProtoReader r, Entry e) {
    long major = 0;
    long minor = 0;
    while (r.next()) {
      switch (r.field()) {
        case 1:
          e.seq = r.readInt64();
          break;
        case 2:
          e.timeMillis = r.readInt64();
          break;
        case 3:
          e.kind = name(KINDS, r.readInt32());
          break;
        case 4:
          e.source = name(SOURCES, r.readInt32());
          break;
        case 5:
          e.category = r.readString();
          break;
        case 6:
          e.on = r.readBool();
          break;
        case 7:
          major = r.readInt64();
          break;
        case 8:
          minor = r.readInt64();
          break;
        case 9:
          e.permission = r.readString();
          break;
        case 10:
          e.purgedEvents = r.readInt64();
          break;
        case 11:
          e.detail = r.readString();
          break;
        default:
          r.skip();
      }
    }
    e.policyVersion = major + "." + minor;
  }

  private static String name(String[] names, int value) {
    return value >= 0 && value < names.length ? names[value] : "unknown";
  }
}
