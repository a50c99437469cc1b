package io.telegate.android;

import android.app.ActivityManager;
import android.content.Context;
import android.content.pm.PackageInfo;
import android.content.pm.PackageManager;
import android.content.res.Resources;
import android.os.Build;
import android.util.DisplayMetrics;
import io.telegate.DeviceFacts;
import java.util.Locale;

/**
 * device.basic on Android: {@code Build.*}, the locale, the screen, the memory, the app's
 * version. A part that cannot be read leaves its field empty and adds a warning. Thread-safe.
 */
public final class AndroidDeviceFacts implements DeviceFacts {
  private final Context context;

  public AndroidDeviceFacts(Context context) {
    this.context = context;
  }

  @Override
  public Info read() {
    Info info = new Info();
    info.model = orEmpty(Build.MODEL);
    info.manufacturer = orEmpty(Build.MANUFACTURER);
    info.osName = "Android";
    info.osVersion = orEmpty(Build.VERSION.RELEASE);
    info.kernel = orEmpty(System.getProperty("os.version"));
    info.language = Locale.getDefault().toString();
    info.cpuCount = Runtime.getRuntime().availableProcessors();
    try {
      DisplayMetrics metrics = Resources.getSystem().getDisplayMetrics();
      info.screenWidth = metrics.widthPixels;
      info.screenHeight = metrics.heightPixels;
    } catch (RuntimeException e) {
      info.warnings.add("screen: " + e);
    }
    try {
      ActivityManager am = (ActivityManager) context.getSystemService(Context.ACTIVITY_SERVICE);
      ActivityManager.MemoryInfo memory = new ActivityManager.MemoryInfo();
      am.getMemoryInfo(memory);
      info.memoryMb = memory.totalMem / (1024 * 1024);
    } catch (RuntimeException e) {
      info.warnings.add("memory: " + e);
    }
    try {
      info.appVersion = orEmpty(appPackage().versionName);
    } catch (PackageManager.NameNotFoundException | RuntimeException e) {
      info.warnings.add("app version: " + e);
    }
    return info;
  }

  @SuppressWarnings("deprecation") // the int-flags form is the one API 24 has
  private PackageInfo appPackage() throws PackageManager.NameNotFoundException {
    return context.getPackageManager().getPackageInfo(context.getPackageName(), 0);
  }

  static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
