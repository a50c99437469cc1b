package android.net;

public final class NetworkCapabilities {
  public static final int TRANSPORT_CELLULAR = 0;
  public static final int TRANSPORT_WIFI = 1;
  public static final int TRANSPORT_ETHERNET = 3;

  private final int[] transports;

  /** Stub only (STUB_ONLY.txt). */
  public NetworkCapabilities(int... transports) {
    this.transports = transports.clone();
  }

  public boolean hasTransport(int transportType) {
    for (int t : transports) {
      if (t == transportType) return true;
    }
    return false;
  }
}
