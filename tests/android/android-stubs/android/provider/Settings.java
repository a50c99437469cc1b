package android.provider;

import android.content.ContentResolver;

public final class Settings {
  public static final class Secure {
    public static final String ANDROID_ID = "android_id";

    /** Stub: android.stub.Settings.Secure.NAME, or null. */
    public static String getString(ContentResolver resolver, String name) {
      return System.getProperty("android.stub.Settings.Secure." + name);
    }
  }
}
