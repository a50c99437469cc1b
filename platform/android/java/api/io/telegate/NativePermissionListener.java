package io.telegate;

/**
 * The native client's PermissionSource.Listener, as handed to a Java {@link
 * PermissionSource}. After {@link #detach} returns it never calls into native code again: a
 * call in progress finishes first (both hold this object's monitor), so the native side may
 * go away once the source is told to forget it.
 */
final class NativePermissionListener implements PermissionSource.Listener {
  private long handle;  // guarded by this

  NativePermissionListener(long handle) {
    this.handle = handle;
  }

  @Override
  public synchronized void onPermissionsChanged() {
    if (handle != 0) nativeOnPermissionsChanged(handle);
  }

  synchronized void detach() {
    handle = 0;
  }

  private static native void nativeOnPermissionsChanged(long handle);
}
