package android.telephony;

public final class CellSignalStrengthLte extends CellSignalStrength {
  private final int dbm;

  /** Stub only (STUB_ONLY.txt). */
  public CellSignalStrengthLte(int dbm) {
    this.dbm = dbm;
  }

  @Override
  public int getDbm() {
    return dbm;
  }
}
