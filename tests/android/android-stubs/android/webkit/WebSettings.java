package android.webkit;

import android.content.Context;

public abstract class WebSettings {
  /** Stub: android.stub.WebSettings.userAgent. Added in API 17. */
  public static String getDefaultUserAgent(Context context) {
    return System.getProperty("android.stub.WebSettings.userAgent", "");
  }
}
