package io.telegate.android;

import android.content.Context;
import io.telegate.ExecutorTaskScheduler;
import io.telegate.TelegateOptions;
import java.io.File;

/**
 * Telegate options with every Android seam, for {@code Application.onCreate}:
 *
 * <pre>{@code
 * AndroidPermissionSource permissions = new AndroidPermissionSource(this);
 * AndroidDeviceIdentity identity = new AndroidDeviceIdentity(this);
 * telegate = Telegate.open(AndroidTelegate.options(this, permissions, identity).build());
 * }</pre>
 *
 * The data directory is {@code getNoBackupFilesDir()/telegate} (never backed up: the keys that
 * open it stay on the device), the app id the package name, and timers run on an {@link
 * ExecutorTaskScheduler}. Keep {@code permissions} to call {@link
 * AndroidPermissionSource#permissionsMayHaveChanged} and {@code identity} to hand in an
 * advertising id.
 */
public final class AndroidTelegate {
  private AndroidTelegate() {}

  public static TelegateOptions.Builder options(
      Context context, AndroidPermissionSource permissions, AndroidDeviceIdentity identity) {
    Context app = context.getApplicationContext() != null ? context.getApplicationContext() : context;
    return TelegateOptions.builder(
            new File(app.getNoBackupFilesDir(), "telegate"), permissions, new AndroidKeyStore(app))
        .appId(app.getPackageName())
        .scheduler(new ExecutorTaskScheduler())
        .deviceFacts(new AndroidDeviceFacts(app))
        .deviceIdentity(identity)
        .installedApps(new AndroidInstalledApps(app))
        .usageRecords(new AndroidUsageRecords(app))
        .location(new AndroidLocationSource(app))
        .nearbyNetworks(new AndroidNearbyNetworks(app))
        .baseStations(new AndroidBaseStations(app))
        .network(new AndroidNetworkInfo(app))
        .access(new AndroidAccessContext(app));
  }

  /** The same with a fresh permission source and identity the app does not keep. */
  public static TelegateOptions.Builder options(Context context) {
    Context app = context.getApplicationContext() != null ? context.getApplicationContext() : context;
    return options(app, new AndroidPermissionSource(app), new AndroidDeviceIdentity(app));
  }
}
