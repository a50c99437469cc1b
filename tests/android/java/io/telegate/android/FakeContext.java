package io.telegate.android;

import android.content.ContentResolver;
import android.content.Context;
import android.content.pm.PackageInfo;
import android.content.pm.PackageManager;
import java.io.File;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A Context for the stubs: granted permissions, system services and packages, scripted. */
final class FakeContext extends Context {
  final File noBackup;
  final Set<String> granted = Collections.synchronizedSet(new HashSet<>());
  final List<String> checked = Collections.synchronizedList(new ArrayList<>());
  final Map<String, Object> services = Collections.synchronizedMap(new HashMap<>());
  final List<PackageInfo> packages = new ArrayList<>();
  String versionName = "5.2.0";

  FakeContext(File noBackup) {
    this.noBackup = noBackup;
  }

  @Override
  public Context getApplicationContext() {
    return this;
  }

  @Override
  public ContentResolver getContentResolver() {
    return new ContentResolver(this) {};
  }

  @Override
  public PackageManager getPackageManager() {
    return new PackageManager() {
      @Override
      @Deprecated
      public PackageInfo getPackageInfo(String packageName, int flags)
          throws PackageManager.NameNotFoundException {
        if (!packageName.equals(getPackageName()) || versionName == null) {
          throw new PackageManager.NameNotFoundException(packageName);
        }
        PackageInfo info = new PackageInfo();
        info.packageName = packageName;
        info.versionName = versionName;
        return info;
      }

      @Override
      @Deprecated
      public List<PackageInfo> getInstalledPackages(int flags) {
        return new ArrayList<>(packages);
      }
    };
  }

  @Override
  public String getPackageName() {
    return "com.example.shop";
  }

  @Override
  public Object getSystemService(String name) {
    return services.get(name);
  }

  @Override
  public File getNoBackupFilesDir() {
    return noBackup;
  }

  @Override
  public int checkSelfPermission(String permission) {
    checked.add(permission);
    return granted.contains(permission)
        ? PackageManager.PERMISSION_GRANTED
        : PackageManager.PERMISSION_DENIED;
  }

  void addPackage(String name) {
    PackageInfo p = new PackageInfo();
    p.packageName = name;
    packages.add(p);
  }
}
