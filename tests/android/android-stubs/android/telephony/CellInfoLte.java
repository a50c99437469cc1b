package android.telephony;

public final class CellInfoLte extends CellInfo {
  private final CellIdentityLte identity;
  private final CellSignalStrengthLte strength;

  /** Stub only (STUB_ONLY.txt). */
  public CellInfoLte(CellIdentityLte identity, CellSignalStrengthLte strength) {
    this.identity = identity;
    this.strength = strength;
  }

  public CellIdentityLte getCellIdentity() {
    return identity;
  }

  public CellSignalStrengthLte getCellSignalStrength() {
    return strength;
  }
}
