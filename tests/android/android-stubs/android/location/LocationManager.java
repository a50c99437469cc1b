package android.location;

import android.os.CancellationSignal;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

public class LocationManager {
  public static final String GPS_PROVIDER = "gps";
  public static final String NETWORK_PROVIDER = "network";

  /** Stub only (STUB_ONLY.txt). */
  protected LocationManager() {}

  public Location getLastKnownLocation(String provider) {
    return null;
  }

  /** Added in API 30. */
  public void getCurrentLocation(
      String provider,
      CancellationSignal cancellationSignal,
      Executor executor,
      Consumer<Location> consumer) {}
}
