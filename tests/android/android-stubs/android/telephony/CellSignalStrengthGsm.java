package android.telephony;

public final class CellSignalStrengthGsm extends CellSignalStrength {
  private final int dbm;

  /** Stub only (STUB_ONLY.txt). */
  public CellSignalStrengthGsm(int dbm) {
    this.dbm = dbm;
  }

  @Override
  public int getDbm() {
    return dbm;
  }
}
