package android.net.wifi;

import java.util.List;

public class WifiManager {
  /** Stub only (STUB_ONLY.txt). */
  protected WifiManager() {}

  public List<ScanResult> getScanResults() {
    return null;
  }
}
