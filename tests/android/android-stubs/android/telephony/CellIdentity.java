package android.telephony;

public abstract class CellIdentity {
  /** Stub only (STUB_ONLY.txt). */
  protected CellIdentity() {}
}
