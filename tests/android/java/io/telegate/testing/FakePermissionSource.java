package io.telegate.testing;

import io.telegate.PermissionSource;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A scripted PermissionSource that counts its calls. Thread-safe. */
public final class FakePermissionSource implements PermissionSource {
  private final int osLevel;
  private final Set<String> granted = new HashSet<>();  // guarded by this
  private final Map<String, AtomicInteger> checks = new ConcurrentHashMap<>();
  private volatile Listener listener;
  private volatile RuntimeException failure;

  public FakePermissionSource() {
    this(34);
  }

  public FakePermissionSource(int osLevel) {
    this.osLevel = osLevel;
  }

  @Override
  public int osLevel() {
    return osLevel;
  }

  @Override
  public boolean isGranted(String permission) {
    checks.computeIfAbsent(permission, p -> new AtomicInteger()).incrementAndGet();
    RuntimeException f = failure;
    if (f != null) throw f;
    synchronized (this) {
      return granted.contains(permission);
    }
  }

  @Override
  public void setListener(Listener listener) {
    this.listener = listener;
  }

  /** Changes the state without telling anyone (as Android does to a dead process). */
  public synchronized void setQuietly(String permission, boolean on) {
    if (on) {
      granted.add(permission);
    } else {
      granted.remove(permission);
    }
  }

  /** Changes the state and tells the listener (the revocation barrier runs before return). */
  public void set(String permission, boolean on) {
    setQuietly(permission, on);
    Listener l = listener;
    if (l != null) l.onPermissionsChanged();
  }

  /** Makes every later isGranted throw {@code f} (null: stop). */
  public void failWith(RuntimeException f) {
    this.failure = f;
  }

  public int checks(String permission) {
    AtomicInteger n = checks.get(permission);
    return n == null ? 0 : n.get();
  }

  public boolean hasListener() {
    return listener != null;
  }
}
