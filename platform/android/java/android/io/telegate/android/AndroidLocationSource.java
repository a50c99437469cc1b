package io.telegate.android;

import android.content.Context;
import android.location.Location;
import android.location.LocationManager;
import android.os.Build;
import android.os.CancellationSignal;
import io.telegate.LocationSource;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * location.precise and location.coarse on Android: {@code LocationManager.getCurrentLocation}
 * (Android 11+) from the GPS provider for a precise fix and the network provider for a coarse
 * one, waiting at most a bounded time, else the provider's last known location. Runs on the
 * library's writer thread and only while the category is open (its permission granted). The
 * collector rounds coarse fixes itself. Thread-safe.
 */
public final class AndroidLocationSource implements LocationSource {
  private final Context context;
  private final long timeoutMillis;

  public AndroidLocationSource(Context context) {
    this(context, 5_000);
  }

  public AndroidLocationSource(Context context, long timeoutMillis) {
    this.context = context;
    this.timeoutMillis = timeoutMillis;
  }

  @Override
  public Fix currentFix(boolean precise) {
    LocationManager manager = (LocationManager) context.getSystemService(Context.LOCATION_SERVICE);
    if (manager == null) return null;
    String provider = precise ? LocationManager.GPS_PROVIDER : LocationManager.NETWORK_PROVIDER;
    Fix fix = new Fix();
    Location location = null;
    if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.R) {
      location = current(manager, provider, fix);
    }
    if (location == null) location = manager.getLastKnownLocation(provider);
    if (location == null) return null;
    fix.latitude = location.getLatitude();
    fix.longitude = location.getLongitude();
    if (location.hasAccuracy()) fix.accuracyMeters = (double) location.getAccuracy();
    if (location.hasAltitude()) fix.altitudeMeters = location.getAltitude();
    return fix;
  }

  private Location current(LocationManager manager, String provider, Fix fix) {
    CancellationSignal cancel = new CancellationSignal();
    CountDownLatch done = new CountDownLatch(1);
    AtomicReference<Location> result = new AtomicReference<>();
    manager.getCurrentLocation(
        provider,
        cancel,
        Runnable::run,
        location -> {
          result.set(location);
          done.countDown();
        });
    try {
      if (!done.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
        cancel.cancel();
        fix.warnings.add("no fix within " + timeoutMillis + " ms; using the last known one");
      }
    } catch (InterruptedException e) {
      cancel.cancel();
      Thread.currentThread().interrupt();
    }
    return result.get();
  }
}
