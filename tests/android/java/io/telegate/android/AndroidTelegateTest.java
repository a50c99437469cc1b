package io.telegate.android;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import android.content.Context;
import io.telegate.CategoryStatus;
import io.telegate.Telegate;
import io.telegate.TrackResult;
import io.telegate.testing.Forensics;
import io.telegate.testing.TestDirs;
import java.io.File;
import java.util.Collections;
import org.junit.After;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * A real client on the Android seams (stubs underneath): keys wrapped by the (JVM stand-in)
 * Keystore, permissions from checkSelfPermission, a fix from the LocationManager — and a
 * revoke in the system settings found at onResume is a barrier on the bytes.
 */
public class AndroidTelegateTest {
  private final FakeContext context = new FakeContext(TestDirs.fresh("android-e2e"));

  @BeforeClass
  public static void installKeystore() {
    FakeAndroidKeyStoreProvider.install();
  }

  @After
  public void tearDown() {
    TestDirs.deleteRecursively(context.noBackup);
  }

  private static CategoryStatus status(Telegate t, String name) {
    for (CategoryStatus s : t.categoryStatus()) {
      if (s.name().equals(name)) return s;
    }
    throw new AssertionError(name);
  }

  private static String hex(byte[] key) {
    StringBuilder out = new StringBuilder();
    for (byte b : key) out.append(String.format("%02x", b & 0xFF));
    return out.toString();
  }

  @Test
  public void aRevokeInTheSettingsFoundAtOnResumeDestroysTheCategory() {
    context.services.put(Context.LOCATION_SERVICE, new AndroidCollectorsTest.FakeLocationManager());
    AndroidPermissionSource permissions = new AndroidPermissionSource(context, Runnable::run);
    AndroidDeviceIdentity identity = new AndroidDeviceIdentity(context);
    File data = new File(context.noBackup, "telegate");
    File file = new File(data, "events/location.precise.db");
    try (Telegate t = Telegate.open(AndroidTelegate.options(context, permissions, identity).build())) {
      t.setConsent("location.precise", true);
      assertFalse(status(t, "location.precise").isOpen());
      context.granted.add("android.permission.ACCESS_FINE_LOCATION");  // the user allowed it
      permissions.permissionsMayHaveChanged();  // from onRequestPermissionsResult
      assertTrue(status(t, "location.precise").isOpen());
      assertEquals("31.23042", t.collect("location.precise").events.get(0).fields.get("latitude"));
      assertEquals(TrackResult.QUEUED,
          t.track("location.precise", "fix", Collections.singletonMap("latitude", 48.8566)));
      t.flush(30, java.util.concurrent.TimeUnit.SECONDS);

      AndroidKeyStore keys = new AndroidKeyStore(context);
      String key = hex(keys.get("telegate.category.location.precise"));
      assertEquals(2, Forensics.rows(file, key));
      File keyFile = new File(context.noBackup, "telegate-keys/telegate.category.location.precise.key");
      assertTrue(keyFile.exists());

      context.granted.remove("android.permission.ACCESS_FINE_LOCATION");  // the settings
      t.refreshPermissions();  // onResume

      assertFalse(status(t, "location.precise").isOpen());
      assertFalse(file.exists());
      assertFalse("the wrapped key file is gone", keyFile.exists());
      assertNull(keys.get("telegate.category.location.precise"));
      assertEquals(Collections.emptyList(), Forensics.filesContaining(context.noBackup, "48.8566"));
    }
    // Reopened (a process restart): the keys unwrap, the consent is remembered.
    context.granted.add("android.permission.ACCESS_FINE_LOCATION");
    try (Telegate t = Telegate.open(AndroidTelegate.options(context, permissions, identity).build())) {
      assertTrue(status(t, "location.precise").isOpen());
      assertEquals(0, status(t, "location.precise").bufferedEvents());
      assertEquals(0, t.storeHealth().databasesReplaced);
    }
  }
}
