package io.telegate.android;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import android.content.Context;
import io.telegate.testing.TestDirs;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.Test;

/** AndroidPermissionSource on Android 9: permissions that did not exist yet. */
public class AndroidPermissionSourceApi28Test {
  static {
    System.setProperty("android.stub.Build.VERSION.SDK_INT", "28");  // before Build loads
  }

  private final FakeContext context = new FakeContext(TestDirs.fresh("perm28"));
  private final Executor direct = Runnable::run;

  @Test
  public void beforeAndroid11EveryPackageIsVisible() {
    AndroidPermissionSource source = new AndroidPermissionSource(context, direct);
    assertTrue(source.isGranted("QUERY_ALL_PACKAGES"));
    assertTrue("not asked: the permission does not exist", context.checked.isEmpty());
    assertEquals(28, source.osLevel());
  }

  @Test
  public void beforeAndroid12AScanNeedsBluetoothAdmin() {
    AndroidPermissionSource source = new AndroidPermissionSource(context, direct);
    context.granted.add("android.permission.BLUETOOTH_ADMIN");
    assertTrue(source.isGranted("BLUETOOTH_SCAN"));
    assertEquals(List.of("android.permission.BLUETOOTH_ADMIN"), context.checked);
  }

  @Test
  public void beforeAndroid10UsageAccessUsesTheOlderAppOpCall() {
    AndroidPermissionSourceTest.RecordingAppOps ops =
        new AndroidPermissionSourceTest.RecordingAppOps();
    context.services.put(Context.APP_OPS_SERVICE, ops);
    assertTrue(new AndroidPermissionSource(context, direct).isGranted("PACKAGE_USAGE_STATS"));
    assertEquals(List.of("old android:get_usage_stats 10123 com.example.shop"), ops.calls);
  }
}
