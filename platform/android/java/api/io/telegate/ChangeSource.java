package io.telegate;

/** What made a category open or close (the native ChangeSource; the ledger's source). */
public enum ChangeSource {
  /** The user's consent switch, bulk switch, or delete-all. */
  USER,
  /** The platform told the library that permissions changed. */
  OS,
  /** The host: {@link Telegate#refreshPermissions}, {@link Telegate#setMinor}, guardian. */
  HOST,
  /** The reconciliation at open: a permission lost while the app was not running, a policy. */
  STARTUP,
  /** Accepting a policy version. */
  POLICY;

  static ChangeSource fromName(String name) {
    switch (name) {
      case "os":
        return OS;
      case "host":
        return HOST;
      case "startup":
        return STARTUP;
      case "policy":
        return POLICY;
      default:
        return USER;
    }
  }
}
