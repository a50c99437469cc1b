package android.content;

import android.content.pm.PackageManager;
import java.io.File;

public abstract class Context {
  public static final String ACTIVITY_SERVICE = "activity";
  public static final String APP_OPS_SERVICE = "appops";
  public static final String BLUETOOTH_SERVICE = "bluetooth";
  public static final String CONNECTIVITY_SERVICE = "connectivity";
  public static final String LOCATION_SERVICE = "location";
  public static final String TELEPHONY_SERVICE = "phone";
  public static final String USAGE_STATS_SERVICE = "usagestats";
  public static final String WIFI_SERVICE = "wifi";

  public Context() {}

  public abstract Context getApplicationContext();

  public abstract ContentResolver getContentResolver();

  public abstract PackageManager getPackageManager();

  public abstract String getPackageName();

  public abstract Object getSystemService(String name);

  public abstract File getNoBackupFilesDir();

  public abstract int checkSelfPermission(String permission);
}
