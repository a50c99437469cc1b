package android.app;

public class AppOpsManager {
  public static final int MODE_ALLOWED = 0;
  public static final int MODE_IGNORED = 1;
  public static final String OPSTR_GET_USAGE_STATS = "android:get_usage_stats";

  /** Stub only (STUB_ONLY.txt). */
  protected AppOpsManager() {}

  /** Added in API 29. */
  public int unsafeCheckOpNoThrow(String op, int uid, String packageName) {
    return MODE_IGNORED;
  }

  /** @deprecated in API 29: unsafeCheckOpNoThrow. */
  @Deprecated
  public int checkOpNoThrow(String op, int uid, String packageName) {
    return MODE_IGNORED;
  }
}
