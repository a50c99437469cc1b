package android.net;

public class ConnectivityManager {
  /** Stub only (STUB_ONLY.txt). */
  protected ConnectivityManager() {}

  /** Added in API 23. */
  public Network getActiveNetwork() {
    return null;
  }

  public NetworkCapabilities getNetworkCapabilities(Network network) {
    return null;
  }

  public LinkProperties getLinkProperties(Network network) {
    return null;
  }
}
