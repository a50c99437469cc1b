package io.telegate.android;

import android.content.Context;
import android.content.pm.PackageInfo;
import io.telegate.InstalledApps;
import java.util.List;

/**
 * device.app_list on Android: package names from {@code PackageManager}, nothing else. Honours
 * package visibility: from Android 11 the list holds only the packages the app's manifest makes
 * visible (QUERY_ALL_PACKAGES, which the catalog requires for this category, or {@code
 * <queries>}). Thread-safe.
 */
public final class AndroidInstalledApps implements InstalledApps {
  private final Context context;

  public AndroidInstalledApps(Context context) {
    this.context = context;
  }

  @Override
  @SuppressWarnings("deprecation") // the int-flags form is the one API 24 has
  public AppList list() {
    List<PackageInfo> packages = context.getPackageManager().getInstalledPackages(0);
    AppList list = new AppList();
    if (packages == null) {
      list.warnings.add("the package manager returned no list");
      return list;
    }
    for (PackageInfo p : packages) {
      if (p != null && p.packageName != null) list.packages.add(p.packageName);
    }
    return list;
  }
}
