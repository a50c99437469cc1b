package io.telegate;

/**
 * The OS permissions, as the platform reports them (the native PermissionSource seam).
 * io.telegate.android.AndroidPermissionSource implements it over {@code
 * Context.checkSelfPermission}.
 *
 * <p>Called from the library's writer thread. Implementations must be thread-safe and quick,
 * and must not call the {@link Telegate}. An exception thrown by {@link #isGranted} counts as
 * "not granted".
 */
public interface PermissionSource {
  /** Told after permissions may have changed. Implemented by the library. */
  interface Listener {
    /**
     * Runs the revocation barrier: when it returns, every category whose permission is gone
     * has been purged. Blocks up to the control timeout: never call it on the UI thread.
     */
    void onPermissionsChanged();
  }

  /** The Android API level (Build.VERSION.SDK_INT); read once, at open. */
  int osLevel();

  /**
   * True if {@code permission} (a catalog name such as "ACCESS_FINE_LOCATION") is granted
   * right now. Unknown names are not granted.
   */
  boolean isGranted(String permission);

  /**
   * Registers the listener to tell after a change, replacing any previous one; null
   * unregisters. Android kills an app's process when the user revokes a permission, so most
   * changes are found at open and at {@link Telegate#refreshPermissions}; a source may still
   * call the listener, e.g. after a permission request returns.
   */
  void setListener(Listener listener);
}
