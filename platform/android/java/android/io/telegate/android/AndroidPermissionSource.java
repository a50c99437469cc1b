package io.telegate.android;

import android.app.AppOpsManager;
import android.content.Context;
import android.content.pm.PackageManager;
import android.os.Build;
import android.os.Process;
import io.telegate.PermissionSource;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * OS permissions as Android reports them: {@code Context.checkSelfPermission}, plus the app op
 * behind PACKAGE_USAGE_STATS (a special access the user grants in the system settings).
 *
 * <p>Android does not tell an app that the user revoked a permission in the settings: it kills
 * the process, so the next open reconciles. The app calls {@code Telegate.refreshPermissions()}
 * in {@code onResume} (a grant in the settings leaves the process running), and {@link
 * #permissionsMayHaveChanged()} from {@code onRequestPermissionsResult}. Thread-safe.
 */
public final class AndroidPermissionSource implements PermissionSource {
  private static final String ANDROID_PREFIX = "android.permission.";
  private static final String AD_ID = "com.google.android.gms.permission.AD_ID";

  private final Context context;
  private final Executor notifier;
  private volatile Listener listener;

  /** Notifies on a daemon thread of its own, so the UI thread never waits for a barrier. */
  public AndroidPermissionSource(Context context) {
    this(
        context,
        Executors.newSingleThreadExecutor(
            runnable -> {
              Thread t = new Thread(runnable, "telegate-permissions");
              t.setDaemon(true);
              return t;
            }));
  }

  public AndroidPermissionSource(Context context, Executor notifier) {
    if (context == null || notifier == null) throw new IllegalArgumentException("null argument");
    this.context = context;
    this.notifier = notifier;
  }

  @Override
  public int osLevel() {
    return Build.VERSION.SDK_INT;
  }

  @Override
  public boolean isGranted(String permission) {
    switch (permission) {
      case "PACKAGE_USAGE_STATS":
        return usageAccessGranted();
      case "QUERY_ALL_PACKAGES":
        // Package visibility rules (and the permission) exist from Android 11.
        if (Build.VERSION.SDK_INT < Build.VERSION_CODES.R) return true;
        break;
      case "BLUETOOTH_SCAN":
        // Before Android 12 a scan needs the install-time BLUETOOTH_ADMIN.
        if (Build.VERSION.SDK_INT < Build.VERSION_CODES.S) {
          return checked(ANDROID_PREFIX + "BLUETOOTH_ADMIN");
        }
        break;
      default:
        break;
    }
    return checked(androidName(permission));
  }

  @Override
  public void setListener(Listener listener) {
    this.listener = listener;
  }

  /**
   * Tells the library that permissions may have changed (call it from {@code
   * onRequestPermissionsResult}, on any thread): the check and any purge run on this source's
   * notifier, not the caller's thread.
   */
  public void permissionsMayHaveChanged() {
    final Listener l = listener;
    if (l != null) notifier.execute(l::onPermissionsChanged);
  }

  /** The manifest name of a catalog permission name. */
  static String androidName(String permission) {
    if (permission.indexOf('.') >= 0) return permission;
    if ("AD_ID".equals(permission)) return AD_ID;
    return ANDROID_PREFIX + permission;
  }

  private boolean checked(String androidPermission) {
    return context.checkSelfPermission(androidPermission) == PackageManager.PERMISSION_GRANTED;
  }

  @SuppressWarnings("deprecation") // checkOpNoThrow: the only call before API 29
  private boolean usageAccessGranted() {
    AppOpsManager ops = (AppOpsManager) context.getSystemService(Context.APP_OPS_SERVICE);
    if (ops == null) return false;
    String op = AppOpsManager.OPSTR_GET_USAGE_STATS;
    int mode =
        Build.VERSION.SDK_INT >= Build.VERSION_CODES.Q
            ? ops.unsafeCheckOpNoThrow(op, Process.myUid(), context.getPackageName())
            : ops.checkOpNoThrow(op, Process.myUid(), context.getPackageName());
    return mode == AppOpsManager.MODE_ALLOWED;
  }
}
