package io.telegate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One row of the "My permissions" screen ({@link Telegate#categoryStatus}). Immutable. */
public final class CategoryStatus {
  String name = "";
  boolean open;
  List<ClosedReason> reasons = new ArrayList<>();
  List<String> missingPermissions = new ArrayList<>();
  String sensitivity = "";
  boolean identifying;
  String purpose = "";
  String contents = "";
  boolean basicFunction;
  boolean consentOn;
  String consentPolicyVersion = "";
  long consentChangedMillis;
  long bufferedEvents;
  long collectionWarnings;

  private CategoryStatus() {}

  public String name() {
    return name;
  }

  public boolean isOpen() {
    return open;
  }

  /** Why it is closed; empty when open. */
  public List<ClosedReason> reasons() {
    return reasons;
  }

  public List<String> missingPermissions() {
    return missingPermissions;
  }

  /** "non_personal", "personal" or "sensitive". */
  public String sensitivity() {
    return sensitivity;
  }

  public boolean isIdentifying() {
    return identifying;
  }

  public String purpose() {
    return purpose;
  }

  /** What the category holds, in the policy's words. */
  public String contents() {
    return contents;
  }

  /** A basic (rather than additional) function of the app. */
  public boolean isBasicFunction() {
    return basicFunction;
  }

  /** The user's switch. */
  public boolean isConsentOn() {
    return consentOn;
  }

  /** The policy version the switch was last set under; "" if never. */
  public String consentPolicyVersion() {
    return consentPolicyVersion;
  }

  public long consentChangedMillis() {
    return consentChangedMillis;
  }

  /** Events held in the encrypted buffer. */
  public long bufferedEvents() {
    return bufferedEvents;
  }

  public long collectionWarnings() {
    return collectionWarnings;
  }

  @Override
  public String toString() {
    return name + (open ? " open" : " closed " + reasons) + " buffered=" + bufferedEvents;
  }

  /** Decodes a telegate.android.proto.CategoryStatusList. */
  static List<CategoryStatus> decodeList(byte[] bytes) {
    List<CategoryStatus> out = new ArrayList<>();
    ProtoReader r = new ProtoReader(bytes);
    while (r.next()) {
      if (r.field() == 1) {
        out.add(decode(r.readMessage()));
      } else {
        r.skip();
      }
    }
    return Collections.unmodifiableList(out);
  }

  private static CategoryStatus decode(ProtoReader r) {
    CategoryStatus s = new CategoryStatus();
    while (r.next()) {
      switch (r.field()) {
        case 1:
          s.name = r.readString();
          break;
        case 2:
          s.open = r.readBool();
          break;
        case 3:
          s.reasons.add(ClosedReason.fromName(r.readString()));
          break;
        case 4:
          s.missingPermissions.add(r.readString());
          break;
        case 5:
          s.sensitivity = r.readString();
          break;
        case 6:
          s.identifying = r.readBool();
          break;
        case 7:
          s.purpose = r.readString();
          break;
        case 8:
          s.contents = r.readString();
          break;
        case 9:
          s.basicFunction = r.readBool();
          break;
        case 10:
          s.consentOn = r.readBool();
          break;
        case 11:
          s.consentPolicyVersion = r.readString();
          break;
        case 12:
          s.consentChangedMillis = r.readInt64();
          break;
        case 13:
          s.bufferedEvents = r.readInt64();
          break;
        case 14:
          s.collectionWarnings = r.readInt64();
          break;
        default:
          r.skip();
      }
    }
    s.reasons = Collections.unmodifiableList(s.reasons);
    s.missingPermissions = Collections.unmodifiableList(s.missingPermissions);
    return s;
  }
}
