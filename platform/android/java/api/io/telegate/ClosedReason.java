package io.telegate;

/** Why a category is closed. A closed category may have several reasons. */
public enum ClosedReason {
  /** The user has not switched it on. */
  CONSENT_OFF("consent_off"),
  /** An OS permission it needs is not granted. */
  PERMISSION_MISSING("permission_missing"),
  /** This platform cannot provide the category. */
  UNAVAILABLE("unavailable"),
  /** The consent predates the current major policy version. */
  POLICY_RECONSENT("policy_reconsent"),
  /** The user is under 14 and no guardian consented. */
  MINOR("minor"),
  /** A reason this version of the Java layer does not know. */
  OTHER("other");

  private final String wireName;

  ClosedReason(String wireName) {
    this.wireName = wireName;
  }

  static ClosedReason fromName(String name) {
    for (ClosedReason r : values()) {
      if (r.wireName.equals(name)) return r;
    }
    return OTHER;
  }
}
