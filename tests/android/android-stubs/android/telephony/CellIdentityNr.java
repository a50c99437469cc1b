package android.telephony;

/** Added in API 29. */
public final class CellIdentityNr extends CellIdentity {
  private final long nci;
  private final int tac;
  private final String mcc;
  private final String mnc;

  /** Stub only (STUB_ONLY.txt). */
  public CellIdentityNr(long nci, int tac, String mcc, String mnc) {
    this.nci = nci;
    this.tac = tac;
    this.mcc = mcc;
    this.mnc = mnc;
  }

  public long getNci() {
    return nci;
  }

  public int getTac() {
    return tac;
  }

  public String getMccString() {
    return mcc;
  }

  public String getMncString() {
    return mnc;
  }
}
