package android.telephony;

public final class CellIdentityWcdma extends CellIdentity {
  private final int cellId;
  private final int area;
  private final String mcc;
  private final String mnc;

  /** Stub only (STUB_ONLY.txt). */
  public CellIdentityWcdma(int cellId, int area, String mcc, String mnc) {
    this.cellId = cellId;
    this.area = area;
    this.mcc = mcc;
    this.mnc = mnc;
  }

  public int getCid() {
    return cellId;
  }

  public int getLac() {
    return area;
  }

  /** Added in API 28. */
  public String getMccString() {
    return mcc;
  }

  /** Added in API 28. */
  public String getMncString() {
    return mnc;
  }
}
