package android.telephony;

public abstract class CellSignalStrength {
  /** Stub only (STUB_ONLY.txt). */
  protected CellSignalStrength() {}

  public abstract int getDbm();
}
