package io.telegate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One transition of one category, told to a {@link StatusListener}. Immutable. */
public final class CategoryChange {
  private final String category;
  private final boolean open;
  private final List<ClosedReason> reasons;
  private final List<String> missingPermissions;
  private final ChangeSource source;

  private CategoryChange(
      String category,
      boolean open,
      List<ClosedReason> reasons,
      List<String> missingPermissions,
      ChangeSource source) {
    this.category = category;
    this.open = open;
    this.reasons = Collections.unmodifiableList(reasons);
    this.missingPermissions = Collections.unmodifiableList(missingPermissions);
    this.source = source;
  }

  public String category() {
    return category;
  }

  /** The new state. */
  public boolean isOpen() {
    return open;
  }

  /** Why it is closed; empty when open. */
  public List<ClosedReason> reasons() {
    return reasons;
  }

  /** The OS permissions it lacks (with {@link ClosedReason#PERMISSION_MISSING}). */
  public List<String> missingPermissions() {
    return missingPermissions;
  }

  public ChangeSource source() {
    return source;
  }

  @Override
  public String toString() {
    return category + (open ? " open " : " closed ") + source + (open ? "" : " " + reasons);
  }

  /** Decodes a telegate.android.proto.CategoryChange. */
  static CategoryChange decode(byte[] bytes) {
    ProtoReader r = new ProtoReader(bytes);
    String category = "";
    boolean open = false;
    List<ClosedReason> reasons = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    ChangeSource source = ChangeSource.USER;
    while (r.next()) {
      switch (r.field()) {
        case 1:
          category = r.readString();
          break;
        case 2:
          open = r.readBool();
          break;
        case 3:
          reasons.add(ClosedReason.fromName(r.readString()));
          break;
        case 4:
          missing.add(r.readString());
          break;
        case 5:
          source = ChangeSource.fromName(r.readString());
          break;
        default:
          r.skip();
      }
    }
    return new CategoryChange(category, open, reasons, missing, source);
  }
}
