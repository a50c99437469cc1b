package android.telephony;

/** Added in API 29. */
public final class CellInfoNr extends CellInfo {
  private final CellIdentityNr identity;
  private final CellSignalStrength strength;

  /** Stub only (STUB_ONLY.txt). */
  public CellInfoNr(CellIdentityNr identity, CellSignalStrength strength) {
    this.identity = identity;
    this.strength = strength;
  }

  public CellIdentity getCellIdentity() {
    return identity;
  }

  public CellSignalStrength getCellSignalStrength() {
    return strength;
  }
}
