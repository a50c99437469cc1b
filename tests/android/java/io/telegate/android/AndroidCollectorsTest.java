package io.telegate.android;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import android.app.ActivityManager;
import android.app.usage.UsageStats;
import android.app.usage.UsageStatsManager;
import android.bluetooth.BluetoothAdapter;
import android.bluetooth.BluetoothDevice;
import android.bluetooth.BluetoothManager;
import android.bluetooth.le.BluetoothLeScanner;
import android.content.Context;
import android.location.Location;
import android.location.LocationManager;
import android.net.ConnectivityManager;
import android.net.LinkAddress;
import android.net.LinkProperties;
import android.net.Network;
import android.net.NetworkCapabilities;
import android.net.wifi.ScanResult;
import android.net.wifi.WifiManager;
import android.os.CancellationSignal;
import android.telephony.CellIdentityGsm;
import android.telephony.CellIdentityLte;
import android.telephony.CellIdentityNr;
import android.telephony.CellInfo;
import android.telephony.CellInfoGsm;
import android.telephony.CellInfoLte;
import android.telephony.CellInfoNr;
import android.telephony.CellSignalStrengthGsm;
import android.telephony.CellSignalStrengthLte;
import android.telephony.TelephonyManager;
import io.telegate.BaseStations;
import io.telegate.DeviceFacts;
import io.telegate.DeviceIdentity;
import io.telegate.LocationSource;
import io.telegate.NearbyNetworks;
import io.telegate.NetworkInfo;
import io.telegate.testing.TestDirs;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.junit.Test;

/** Each Android collection seam, driving the stubs of the framework classes it reads. */
public class AndroidCollectorsTest {
  static {
    System.setProperty("android.stub.Build.MODEL", "Pixel 8");
    System.setProperty("android.stub.Build.MANUFACTURER", "Google");
    System.setProperty("android.stub.Build.VERSION.RELEASE", "14");
    System.setProperty("android.stub.display.width", "1080");
    System.setProperty("android.stub.display.height", "2400");
    System.setProperty("android.stub.Settings.Secure.android_id", "a1b2c3d4e5f60718");
    System.setProperty("android.stub.WebSettings.userAgent", "Mozilla/5.0 (Linux; Android 14)");
  }

  private final FakeContext context = new FakeContext(TestDirs.fresh("collectors"));

  @Test
  public void deviceFactsComeFromBuildTheScreenTheMemoryAndThePackage() {
    context.services.put(
        Context.ACTIVITY_SERVICE,
        new ActivityManager() {
          @Override
          public void getMemoryInfo(ActivityManager.MemoryInfo outInfo) {
            outInfo.totalMem = 8L << 30;
          }
        });
    DeviceFacts.Info info = new AndroidDeviceFacts(context).read();
    assertEquals("Pixel 8", info.model);
    assertEquals("Google", info.manufacturer);
    assertEquals("Android", info.osName);
    assertEquals("14", info.osVersion);
    assertEquals("5.2.0", info.appVersion);
    assertEquals(1080, info.screenWidth);
    assertEquals(2400, info.screenHeight);
    assertEquals(8192, info.memoryMb);
    assertTrue(info.cpuCount >= 1);
    assertEquals(List.of(), info.warnings);
  }

  @Test
  public void whatCannotBeReadIsAWarningNotAFailure() {
    context.versionName = null;  // the package manager does not know the app
    DeviceFacts.Info info = new AndroidDeviceFacts(context).read();  // no activity service
    assertEquals("Pixel 8", info.model);
    assertEquals(0, info.memoryMb);
    assertEquals("", info.appVersion);
    assertEquals(2, info.warnings.size());
  }

  @Test
  public void theDeviceIdIsAndroidIdAndTheAdvertisingIdOnlyWhatTheHostGave() {
    AndroidDeviceIdentity identity = new AndroidDeviceIdentity(context);
    DeviceIdentity.Ids ids = identity.read();
    assertEquals("a1b2c3d4e5f60718", ids.deviceId);
    assertEquals("", ids.advertisingId);
    identity.setAdvertisingId("38400000-8cf0-11bd-b23e-10b96e40000d");
    assertEquals("38400000-8cf0-11bd-b23e-10b96e40000d", identity.read().advertisingId);
    identity.setAdvertisingId(null);
    assertEquals("", identity.read().advertisingId);
  }

  @Test
  public void installedAppsAreNamesOnlyAndUsageComesFromUsageStats() {
    context.addPackage("com.example.shop");
    context.addPackage("com.example.chat");
    assertEquals(List.of("com.example.shop", "com.example.chat"),
        new AndroidInstalledApps(context).list().packages);
    List<UsageStats> stats = new ArrayList<>();
    stats.add(new UsageStats("com.example.shop", 120_000, 1_700_000_000_000L));
    stats.add(new UsageStats("com.example.chat", 5_000, 0));
    context.services.put(Context.USAGE_STATS_SERVICE, new UsageStatsManager(stats));
    io.telegate.UsageRecords.Report report =
        new AndroidUsageRecords(context).query(0, 1_800_000_000_000L);
    assertEquals(2, report.records.size());
    assertEquals("com.example.shop", report.records.get(0).packageName);
    assertEquals(Long.valueOf(120_000), report.records.get(0).foregroundMillis);
    assertEquals(Long.valueOf(1_700_000_000_000L), report.records.get(0).lastUsedMillis);
    assertNull("never used", report.records.get(1).lastUsedMillis);
  }

  /** A LocationManager that answers getCurrentLocation at once, or never. */
  static final class FakeLocationManager extends LocationManager {
    final List<String> asked = new ArrayList<>();
    boolean answers = true;
    CancellationSignal lastSignal;
    Location last;

    @Override
    public void getCurrentLocation(String provider, CancellationSignal signal, Executor executor,
        Consumer<Location> consumer) {
      asked.add("current " + provider);
      lastSignal = signal;
      if (!answers) return;
      Location l = new Location(provider);
      l.setLatitude(31.230416);
      l.setLongitude(121.473701);
      l.setAccuracy(provider.equals(GPS_PROVIDER) ? 8f : 1500f);
      executor.execute(() -> consumer.accept(l));
    }

    @Override
    public Location getLastKnownLocation(String provider) {
      asked.add("last " + provider);
      return last;
    }
  }

  @Test
  public void aPreciseFixComesFromGpsACoarseOneFromTheNetwork() {
    FakeLocationManager manager = new FakeLocationManager();
    context.services.put(Context.LOCATION_SERVICE, manager);
    AndroidLocationSource source = new AndroidLocationSource(context, 1_000);
    LocationSource.Fix precise = source.currentFix(true);
    assertEquals(31.230416, precise.latitude, 0);
    assertEquals(8.0, precise.accuracyMeters, 0);
    assertNull(precise.altitudeMeters);
    LocationSource.Fix coarse = source.currentFix(false);
    assertEquals(1500.0, coarse.accuracyMeters, 0);
    assertEquals(List.of("current gps", "current network"), manager.asked);
  }

  @Test
  public void withoutAnAnswerInTimeTheLastKnownFixIsUsedAndTheRequestCancelled() {
    FakeLocationManager manager = new FakeLocationManager();
    manager.answers = false;
    context.services.put(Context.LOCATION_SERVICE, manager);
    AndroidLocationSource source = new AndroidLocationSource(context, 50);
    assertNull("no fix at all", source.currentFix(true));
    assertTrue(manager.lastSignal.isCanceled());
    manager.last = new Location("gps");
    manager.last.setLatitude(1);
    manager.last.setAltitude(12);
    LocationSource.Fix fix = source.currentFix(true);
    assertEquals(12.0, fix.altitudeMeters, 0);
    assertEquals(1, fix.warnings.size());
  }

  @Test
  public void wifiResultsAndABluetoothScanThatIsAlwaysStopped() {
    List<ScanResult> wifi = new ArrayList<>();
    ScanResult ap = new ScanResult();
    setSsid(ap, "Cafe Wifi");
    ap.BSSID = "00:11:22:33:44:55";
    ap.level = -61;
    ap.frequency = 2412;
    wifi.add(ap);
    context.services.put(Context.WIFI_SERVICE, new WifiManager() {
      @Override
      public List<ScanResult> getScanResults() {
        return wifi;
      }
    });
    List<android.bluetooth.le.ScanResult> seen = new ArrayList<>();
    seen.add(new android.bluetooth.le.ScanResult(new BluetoothDevice("AA:BB:CC:DD:EE:FF", "Headphones"), -70));
    seen.add(new android.bluetooth.le.ScanResult(new BluetoothDevice("11:22:33:44:55:66", null), -80));
    BluetoothLeScanner scanner = new BluetoothLeScanner(seen);
    context.services.put(Context.BLUETOOTH_SERVICE, new BluetoothManager(new BluetoothAdapter(scanner)));

    AndroidNearbyNetworks nearby = new AndroidNearbyNetworks(context, 10);
    NearbyNetworks.WifiScan w = nearby.scanWifi();
    assertEquals("Cafe Wifi", w.accessPoints.get(0).ssid);
    assertEquals("00:11:22:33:44:55", w.accessPoints.get(0).bssid);
    assertEquals(Long.valueOf(-61), w.accessPoints.get(0).rssiDbm);
    assertEquals(Long.valueOf(2412), w.accessPoints.get(0).frequencyMhz);
    NearbyNetworks.BluetoothScan b = nearby.scanBluetooth();
    assertEquals(2, b.devices.size());
    assertEquals("Headphones", b.devices.get(0).name);
    assertEquals("a name it may not read stays empty", "", b.devices.get(1).name);
    assertEquals("the scan was stopped", 0, scanner.stubActiveScans());

    context.services.put(Context.BLUETOOTH_SERVICE, new BluetoothManager(new BluetoothAdapter(null)));
    assertEquals(1, nearby.scanBluetooth().warnings.size());  // Bluetooth off
  }

  @SuppressWarnings("deprecation")
  private static void setSsid(ScanResult r, String ssid) {
    r.SSID = ssid;
  }

  @Test
  public void cellsOfEachRadioWithUnavailableValuesLeftOut() {
    List<CellInfo> cells = new ArrayList<>();
    cells.add(new CellInfoLte(new CellIdentityLte(12345, 4660, "460", "00"),
        new CellSignalStrengthLte(-95)));
    cells.add(new CellInfoGsm(new CellIdentityGsm(Integer.MAX_VALUE, 17, null, null),
        new CellSignalStrengthGsm(-101)));
    cells.add(new CellInfoNr(new CellIdentityNr(68719476735L, 99, "460", "01"),
        new CellSignalStrengthLte(-88)));
    context.services.put(Context.TELEPHONY_SERVICE, new TelephonyManager() {
      @Override
      public List<CellInfo> getAllCellInfo() {
        return cells;
      }
    });
    BaseStations.Scan scan = new AndroidBaseStations(context).scan();
    assertEquals(3, scan.stations.size());
    BaseStations.Station lte = scan.stations.get(0);
    assertEquals("lte", lte.radio);
    assertEquals(Long.valueOf(12345), lte.cellId);
    assertEquals(Long.valueOf(4660), lte.areaCode);
    assertEquals(Long.valueOf(460), lte.mcc);
    assertEquals(Long.valueOf(0), lte.mnc);
    assertEquals(Long.valueOf(-95), lte.signalDbm);
    BaseStations.Station gsm = scan.stations.get(1);
    assertNull("unavailable", gsm.cellId);
    assertNull(gsm.mcc);
    assertEquals(Long.valueOf(17), gsm.areaCode);
    BaseStations.Station nr = scan.stations.get(2);
    assertEquals("nr", nr.radio);
    assertEquals(Long.valueOf(68719476735L), nr.cellId);
    assertEquals(Long.valueOf(1), nr.mnc);
  }

  @Test
  public void theCarrierAndTheAccessContext() throws Exception {
    Network network = new Network();
    List<LinkAddress> addresses = new ArrayList<>();
    addresses.add(new LinkAddress(InetAddress.getByName("127.0.0.1")));
    addresses.add(new LinkAddress(InetAddress.getByName("fe80::1")));
    addresses.add(new LinkAddress(InetAddress.getByName("10.1.2.3")));
    context.services.put(Context.CONNECTIVITY_SERVICE, new ConnectivityManager() {
      @Override
      public Network getActiveNetwork() {
        return network;
      }

      @Override
      public NetworkCapabilities getNetworkCapabilities(Network n) {
        return new NetworkCapabilities(NetworkCapabilities.TRANSPORT_CELLULAR);
      }

      @Override
      public LinkProperties getLinkProperties(Network n) {
        return new LinkProperties(addresses);
      }
    });
    context.services.put(Context.TELEPHONY_SERVICE, new TelephonyManager() {
      @Override
      public String getNetworkOperatorName() {
        return "China Mobile";
      }

      @Override
      public String getNetworkOperator() {
        return "46000";
      }
    });
    NetworkInfo.Carrier carrier = new AndroidNetworkInfo(context).carrier();
    assertEquals("cellular", carrier.networkType);
    assertEquals("China Mobile", carrier.operatorName);
    assertEquals(Long.valueOf(460), carrier.mcc);
    assertEquals(Long.valueOf(0), carrier.mnc);
    io.telegate.AccessContext.Info access = new AndroidAccessContext(context).read();
    assertEquals("10.1.2.3", access.ip);
    assertEquals("Mozilla/5.0 (Linux; Android 14)", access.browser);
    assertTrue(!access.language.isEmpty());
  }
}
