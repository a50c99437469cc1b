package io.telegate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the library holds about the user (the access right), decoded from {@link
 * Telegate#exportUserData}'s protobuf form: every buffered event by category, the consent
 * state, the verified ledger and the drop counters.
 */
public final class UserDataExport {
  /** One buffered event. Attribute values are String, Long, Double or Boolean. */
  public static final class Event {
    public String category = "";
    public String name = "";
    public long captureTimeMillis;
    public final Map<String, Object> attributes = new LinkedHashMap<>();
  }

  /** One category: its consent state and its events, oldest first. */
  public static final class CategoryData {
    public String name = "";
    public String contents = "";
    public String purpose = "";
    public String sensitivity = "";
    public boolean open;
    public final List<String> closedReasons = new ArrayList<>();
    public boolean consentOn;
    public String consentPolicyVersion = "";
    public long consentChangedMillis;
    public final List<Event> events = new ArrayList<>();
  }

  public long exportedMillis;
  public String appPolicyVersion = "";
  public String acceptedPolicyVersion = "";
  public boolean minor;
  public boolean guardianConsent;
  public final List<CategoryData> categories = new ArrayList<>();
  public Ledger ledger;
  /** Drop counters by reason name. */
  public final Map<String, Long> drops = new LinkedHashMap<>();

  public final List<String> pendingDeletionInstallIds = new ArrayList<>();

  private UserDataExport() {}

  /** The category called {@code name}, or null. */
  public CategoryData category(String name) {
    for (CategoryData c : categories) {
      if (c.name.equals(name)) return c;
    }
    return null;
  }

  /** Decodes a serialized telegate.proto.UserDataExport. */
  public static UserDataExport parse(byte[] bytes) {
    UserDataExport out = new UserDataExport();
    ProtoReader r = new ProtoReader(bytes);
    while (r.next()) {
      switch (r.field()) {
        case 1:
          out.exportedMillis = r.readInt64();
          break;
        case 2:
          out.appPolicyVersion = r.readString();
          break;
        case 3:
          out.acceptedPolicyVersion = r.readString();
          break;
        case 4:
          out.minor = r.readBool();
          break;
        case 5:
          out.guardianConsent = r.readBool();
          break;
        case 6:
          out.categories.add(decodeCategory(r.readMessage()));
          break;
        case 7:
          out.ledger = Ledger.decode(r.readMessage());
          break;
        case 8:
          decodeDrop(r.readMessage(), out.drops);
          break;
        case 9:
          out.pendingDeletionInstallIds.add(r.readString());
          break;
        default:
          r.skip();
      }
    }
    if (out.ledger == null) out.ledger = Ledger.parse(new byte[0]);
    return out;
  }

  private static CategoryData decodeCategory(ProtoReader r) {
    CategoryData c = new CategoryData();
    while (r.next()) {
      switch (r.field()) {
        case 1:
          c.name = r.readString();
          break;
        case 2:
          c.contents = r.readString();
          break;
        case 3:
          c.purpose = r.readString();
          break;
        case 4:
          c.sensitivity = r.readString();
          break;
        case 5:
          c.open = r.readBool();
          break;
        case 6:
          c.closedReasons.add(r.readString());
          break;
        case 7:
          c.consentOn = r.readBool();
          break;
        case 8:
          c.consentPolicyVersion = r.readString();
          break;
        case 9:
          c.consentChangedMillis = r.readInt64();
          break;
        case 10:
          c.events.add(decodeEvent(r.readMessage()));
          break;
        default:
          r.skip();
      }
    }
    return c;
  }

  private static Event decodeEvent(ProtoReader r) {
    Event e = new Event();
    while (r.next()) {
      switch (r.field()) {
        case 2:
          e.category = r.readString();
          break;
        case 3:
          e.name = r.readString();
          break;
        case 4:
          e.captureTimeMillis = r.readInt64();
          break;
        case 5:
          decodeAttribute(r.readMessage(), e.attributes);
          break;
        default:
          r.skip();
      }
    }
    return e;
  }

  private static void decodeAttribute(ProtoReader r, Map<String, Object> into) {
    String key = "";
    Object value = null;
    while (r.next()) {
      switch (r.field()) {
        case 1:
          key = r.readString();
          break;
        case 2:
          value = r.readString();
          break;
        case 3:
          value = r.readInt64();
          break;
        case 4:
          value = r.readDouble();
          break;
        case 5:
          value = r.readBool();
          break;
        default:
          r.skip();
      }
    }
    into.put(key, value);
  }

  private static void decodeDrop(ProtoReader r, Map<String, Long> into) {
    String reason = "";
    long count = 0;
    while (r.next()) {
      if (r.field() == 1) {
        reason = r.readString();
      } else if (r.field() == 2) {
        count = r.readInt64();
      } else {
        r.skip();
      }
    }
    into.put(reason, count);
  }
}
