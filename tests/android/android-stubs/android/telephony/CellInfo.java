package android.telephony;

public abstract class CellInfo {
  /** Stub only (STUB_ONLY.txt). */
  protected CellInfo() {}
}
