package io.telegate.android;

import android.content.Context;
import android.provider.Settings;
import io.telegate.DeviceIdentity;

/**
 * device.identifiers on Android: {@code Settings.Secure.ANDROID_ID} (scoped to the app's
 * signing key by Android 8+), and the advertising id only when the host passes it in ({@link
 * #setAdvertisingId}, e.g. from Play services once the user has not limited ad tracking). The
 * collector stores app-scoped hashes, never the raw values. Thread-safe.
 */
public final class AndroidDeviceIdentity implements DeviceIdentity {
  private final Context context;
  private volatile String advertisingId = "";

  public AndroidDeviceIdentity(Context context) {
    this.context = context;
  }

  /** The advertising id the host obtained; null or "" when there is none to use. */
  public void setAdvertisingId(String id) {
    this.advertisingId = id == null ? "" : id;
  }

  @Override
  public Ids read() {
    Ids ids = new Ids();
    String androidId = Settings.Secure.getString(context.getContentResolver(), Settings.Secure.ANDROID_ID);
    if (androidId == null || androidId.isEmpty()) {
      ids.warnings.add("ANDROID_ID unavailable");
    } else {
      ids.deviceId = androidId;
    }
    ids.advertisingId = advertisingId;
    return ids;
  }
}
