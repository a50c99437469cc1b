package android.os;

/** Stub: the fields read android.stub.Build.* system properties once. */
public class Build {
  public static final String MANUFACTURER = System.getProperty("android.stub.Build.MANUFACTURER", "");
  public static final String MODEL = System.getProperty("android.stub.Build.MODEL", "");

  public static class VERSION {
    public static final String RELEASE = System.getProperty("android.stub.Build.VERSION.RELEASE", "");
    public static final int SDK_INT = Integer.getInteger("android.stub.Build.VERSION.SDK_INT", 34);
  }

  public static class VERSION_CODES {
    public static final int P = 28;
    public static final int Q = 29;
    public static final int R = 30;
    public static final int S = 31;
  }
}
