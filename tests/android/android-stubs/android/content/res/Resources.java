package android.content.res;

import android.util.DisplayMetrics;

public class Resources {
  private static final Resources SYSTEM = new Resources();

  private Resources() {}

  /** Stub: the display of android.stub.display.width / .height. */
  public static Resources getSystem() {
    return SYSTEM;
  }

  public DisplayMetrics getDisplayMetrics() {
    DisplayMetrics m = new DisplayMetrics();
    m.widthPixels = Integer.getInteger("android.stub.display.width", 0);
    m.heightPixels = Integer.getInteger("android.stub.display.height", 0);
    return m;
  }
}
