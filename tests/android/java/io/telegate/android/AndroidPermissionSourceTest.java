package io.telegate.android;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import android.app.AppOpsManager;
import android.content.Context;
import io.telegate.testing.TestDirs;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Test;

/** AndroidPermissionSource on Android 14 (the stubs' default SDK_INT 34). */
public class AndroidPermissionSourceTest {
  private final FakeContext context = new FakeContext(TestDirs.fresh("perm"));
  private final ExecutorService notifier =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "notifier"));

  @After
  public void tearDown() {
    notifier.shutdownNow();
    TestDirs.deleteRecursively(context.noBackup);
  }

  /** Records its calls; allows the op for the app's own uid and package only. */
  static final class RecordingAppOps extends AppOpsManager {
    final List<String> calls = new ArrayList<>();

    @Override
    public int unsafeCheckOpNoThrow(String op, int uid, String packageName) {
      calls.add("unsafe " + op + " " + uid + " " + packageName);
      return AppOpsManager.MODE_ALLOWED;
    }

    @Override
    @Deprecated
    public int checkOpNoThrow(String op, int uid, String packageName) {
      calls.add("old " + op + " " + uid + " " + packageName);
      return AppOpsManager.MODE_ALLOWED;
    }
  }

  @Test
  public void catalogNamesAreCheckedUnderTheirManifestNames() {
    AndroidPermissionSource source = new AndroidPermissionSource(context, notifier);
    context.granted.add("android.permission.ACCESS_FINE_LOCATION");
    context.granted.add("com.google.android.gms.permission.AD_ID");
    assertTrue(source.isGranted("ACCESS_FINE_LOCATION"));
    assertTrue(source.isGranted("AD_ID"));
    assertFalse(source.isGranted("READ_PHONE_STATE"));
    assertFalse(source.isGranted("QUERY_ALL_PACKAGES"));
    assertFalse(source.isGranted("BLUETOOTH_SCAN"));
    assertEquals(
        List.of("android.permission.ACCESS_FINE_LOCATION",
            "com.google.android.gms.permission.AD_ID", "android.permission.READ_PHONE_STATE",
            "android.permission.QUERY_ALL_PACKAGES", "android.permission.BLUETOOTH_SCAN"),
        context.checked);
    assertEquals(34, source.osLevel());
  }

  @Test
  public void usageAccessIsTheAppOpNotARuntimePermission() {
    AndroidPermissionSource source = new AndroidPermissionSource(context, notifier);
    assertFalse("no app ops service", source.isGranted("PACKAGE_USAGE_STATS"));
    RecordingAppOps ops = new RecordingAppOps();
    context.services.put(Context.APP_OPS_SERVICE, ops);
    assertTrue(source.isGranted("PACKAGE_USAGE_STATS"));
    assertEquals(List.of("unsafe android:get_usage_stats 10123 com.example.shop"), ops.calls);
    assertTrue("never asked checkSelfPermission", context.checked.isEmpty());
  }

  @Test
  public void aChangeIsReportedOffTheCallersThread() throws Exception {
    AndroidPermissionSource source = new AndroidPermissionSource(context, notifier);
    source.permissionsMayHaveChanged();  // no listener yet: nothing
    LinkedBlockingQueue<String> threads = new LinkedBlockingQueue<>();
    source.setListener(() -> threads.add(Thread.currentThread().getName()));
    source.permissionsMayHaveChanged();
    String thread = threads.poll(10, TimeUnit.SECONDS);
    assertEquals("notifier", thread);
    assertNotEquals(Thread.currentThread().getName(), thread);
  }
}
