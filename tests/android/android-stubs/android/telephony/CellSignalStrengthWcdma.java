package android.telephony;

public final class CellSignalStrengthWcdma extends CellSignalStrength {
  private final int dbm;

  /** Stub only (STUB_ONLY.txt). */
  public CellSignalStrengthWcdma(int dbm) {
    this.dbm = dbm;
  }

  @Override
  public int getDbm() {
    return dbm;
  }
}
