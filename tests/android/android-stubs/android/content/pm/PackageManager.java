package android.content.pm;

import android.util.AndroidException;
import java.util.List;

public abstract class PackageManager {
  public static final int PERMISSION_GRANTED = 0;
  public static final int PERMISSION_DENIED = -1;

  public static class NameNotFoundException extends AndroidException {
    private static final long serialVersionUID = 1L;

    public NameNotFoundException() {}

    public NameNotFoundException(String name) {
      super(name);
    }
  }

  /** @deprecated in API 33: getPackageInfo(String, PackageInfoFlags). */
  @Deprecated
  public abstract PackageInfo getPackageInfo(String packageName, int flags)
      throws PackageManager.NameNotFoundException;

  /** @deprecated in API 33: getInstalledPackages(PackageInfoFlags). */
  @Deprecated
  public abstract List<PackageInfo> getInstalledPackages(int flags);
}
