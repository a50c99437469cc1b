package android.telephony;

public final class CellInfoGsm extends CellInfo {
  private final CellIdentityGsm identity;
  private final CellSignalStrengthGsm strength;

  /** Stub only (STUB_ONLY.txt). */
  public CellInfoGsm(CellIdentityGsm identity, CellSignalStrengthGsm strength) {
    this.identity = identity;
    this.strength = strength;
  }

  public CellIdentityGsm getCellIdentity() {
    return identity;
  }

  public CellSignalStrengthGsm getCellSignalStrength() {
    return strength;
  }
}
