package android.telephony;

public final class CellInfoWcdma extends CellInfo {
  private final CellIdentityWcdma identity;
  private final CellSignalStrengthWcdma strength;

  /** Stub only (STUB_ONLY.txt). */
  public CellInfoWcdma(CellIdentityWcdma identity, CellSignalStrengthWcdma strength) {
    this.identity = identity;
    this.strength = strength;
  }

  public CellIdentityWcdma getCellIdentity() {
    return identity;
  }

  public CellSignalStrengthWcdma getCellSignalStrength() {
    return strength;
  }
}
