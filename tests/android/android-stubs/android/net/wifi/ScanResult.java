package android.net.wifi;

public final class ScanResult {
  /** @deprecated in API 33: getWifiSsid(). */
  @Deprecated public String SSID;

  public String BSSID;
  public int level;
  public int frequency;

  /** Added in API 30. */
  public ScanResult() {}
}
