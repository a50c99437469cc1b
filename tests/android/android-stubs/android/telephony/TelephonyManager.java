package android.telephony;

import java.util.List;

public class TelephonyManager {
  /** Stub only (STUB_ONLY.txt). */
  protected TelephonyManager() {}

  public List<CellInfo> getAllCellInfo() {
    return null;
  }

  public String getNetworkOperatorName() {
    return "";
  }

  public String getNetworkOperator() {
    return "";
  }
}
