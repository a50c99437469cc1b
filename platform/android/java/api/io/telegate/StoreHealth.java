package io.telegate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the encrypted buffer has been through since the client opened: databases found
 * unusable and replaced, and the last write error ({@link Telegate#storeHealth}).
 */
public final class StoreHealth {
  /** One database the store could not use, and what it did about it. */
  public static final class Incident {
    /** "key_missing", "undecryptable" or "newer_schema". */
    public final String problem;
    /** Relative to the data directory: "telegate.db" or "events/category.db". */
    public final String file;
    /** The category whose events the file held; "" for telegate.db. */
    public final String category;
    /** The error, for logs; never key material or event contents. */
    public final String detail;
    /** Events known to be lost; -1 when the file could not be read to count. */
    public final long eventsLost;

    public final long timeMillis;

    Incident(String problem, String file, String category, String detail, long eventsLost,
        long timeMillis) {
      this.problem = problem;
      this.file = file;
      this.category = category;
      this.detail = detail;
      this.eventsLost = eventsLost;
      this.timeMillis = timeMillis;
    }
  }

  public final long databasesReplaced;
  /** The consent database was replaced: every category restarted closed. */
  public final boolean consentReset;
  public final List<Incident> incidents;
  /** The store's last error if it still stands (OK once a later commit succeeds). */
  public final StatusCode lastErrorCode;

  public final String lastErrorMessage;

  private StoreHealth(long replaced, boolean reset, List<Incident> incidents, int code,
      String message) {
    this.databasesReplaced = replaced;
    this.consentReset = reset;
    this.incidents = Collections.unmodifiableList(incidents);
    this.lastErrorCode = StatusCode.forNumber(code);
    this.lastErrorMessage = message;
  }

  /** Decodes a telegate.android.proto.StoreHealth. */
  static StoreHealth decode(byte[] bytes) {
    long replaced = 0;
    boolean reset = false;
    List<Incident> incidents = new ArrayList<>();
    int code = 0;
    String message = "";
    ProtoReader r = new ProtoReader(bytes);
    while (r.next()) {
      switch (r.field()) {
        case 1:
          replaced = r.readInt64();
          break;
        case 2:
          reset = r.readBool();
          break;
        case 3:
          incidents.add(decodeIncident(r.readMessage()));
          break;
        case 4:
          code = r.readInt32();
          break;
        case 5:
          message = r.readString();
          break;
        default:
          r.skip();
      }
    }
    return new StoreHealth(replaced, reset, incidents, code, message);
  }

  private static Incident decodeIncident(ProtoReader r) {
    String problem = "";
    String file = "";
    String category = "";
    String detail = "";
    long lost = 0;
    long time = 0;
    while (r.next()) {
      switch (r.field()) {
        case 1:
          problem = r.readString();
          break;
        case 2:
          file = r.readString();
          break;
        case 3:
          category = r.readString();
          break;
        case 4:
          detail = r.readString();
          break;
        case 5:
          lost = r.readInt64();
          break;
        case 6:
          time = r.readInt64();
          break;
        default:
          r.skip();
      }
    }
    return new Incident(problem, file, category, detail, lost, time);
  }
}
