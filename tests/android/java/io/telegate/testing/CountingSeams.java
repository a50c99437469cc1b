package io.telegate.testing;

import io.telegate.AccessContext;
import io.telegate.BaseStations;
import io.telegate.DeviceFacts;
import io.telegate.DeviceIdentity;
import io.telegate.InstalledApps;
import io.telegate.LocationSource;
import io.telegate.NearbyNetworks;
import io.telegate.NetworkInfo;
import io.telegate.UsageRecords;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every collection seam, scripted with plausible data, counting calls by name ("facts", "ids",
 * "apps", "usage", "fix", "wifi", "bluetooth", "cells", "carrier", "access"). {@link #failWith}
 * makes every seam throw (even a checked exception, as Kotlin code may); {@link #returnNull} makes them return nothing. Thread-safe.
 */
public final class CountingSeams {
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private volatile Throwable failure;
  private volatile boolean returnNull;

  public final DeviceFacts facts =
      () -> {
        if (!call("facts")) return null;
        DeviceFacts.Info i = new DeviceFacts.Info();
        i.model = "Pixel 8";
        i.manufacturer = "Google";
        i.osName = "Android";
        i.osVersion = "14";
        i.appVersion = "5.2.0";
        i.language = "zh_CN";
        i.screenWidth = 1080;
        i.screenHeight = 2400;
        i.cpuCount = 8;
        i.memoryMb = 8192;
        return i;
      };

  public final DeviceIdentity identity =
      () -> {
        if (!call("ids")) return null;
        DeviceIdentity.Ids ids = new DeviceIdentity.Ids();
        ids.deviceId = "a1b2c3d4e5f60718";
        return ids;
      };

  public final InstalledApps apps =
      () -> {
        if (!call("apps")) return null;
        InstalledApps.AppList list = new InstalledApps.AppList();
        list.packages.add("com.example.shop");
        list.packages.add("com.example.chat");
        return list;
      };

  public final UsageRecords usage =
      (since, until) -> {
        if (!call("usage")) return null;
        UsageRecords.Report report = new UsageRecords.Report();
        UsageRecords.Record r = new UsageRecords.Record();
        r.packageName = "com.example.shop";
        r.foregroundMillis = 120_000L;
        r.lastUsedMillis = until;
        report.records.add(r);
        return report;
      };

  public final LocationSource location =
      precise -> {
        if (!call("fix")) return null;
        LocationSource.Fix fix = new LocationSource.Fix();
        fix.latitude = 31.230416;
        fix.longitude = 121.473701;
        fix.accuracyMeters = precise ? 8.0 : 1500.0;
        return fix;
      };

  public final NearbyNetworks nearby =
      new NearbyNetworks() {
        @Override
        public WifiScan scanWifi() {
          if (!call("wifi")) return null;
          WifiScan scan = new WifiScan();
          WifiAccessPoint ap = new WifiAccessPoint();
          ap.ssid = "Cafe Wifi";
          ap.bssid = "00:11:22:33:44:55";
          ap.rssiDbm = -61L;
          ap.frequencyMhz = 2412L;
          scan.accessPoints.add(ap);
          return scan;
        }

        @Override
        public BluetoothScan scanBluetooth() {
          if (!call("bluetooth")) return null;
          BluetoothScan scan = new BluetoothScan();
          BluetoothDevice d = new BluetoothDevice();
          d.name = "Headphones";
          d.address = "AA:BB:CC:DD:EE:FF";
          d.rssiDbm = -70L;
          scan.devices.add(d);
          return scan;
        }
      };

  public final BaseStations cells =
      () -> {
        if (!call("cells")) return null;
        BaseStations.Scan scan = new BaseStations.Scan();
        BaseStations.Station s = new BaseStations.Station();
        s.radio = "lte";
        s.mcc = 460L;
        s.mnc = 0L;
        s.areaCode = 4660L;
        s.cellId = 12345L;
        s.signalDbm = -95L;
        scan.stations.add(s);
        return scan;
      };

  public final NetworkInfo network =
      () -> {
        if (!call("carrier")) return null;
        NetworkInfo.Carrier c = new NetworkInfo.Carrier();
        c.networkType = "cellular";
        c.operatorName = "China Mobile";
        c.mcc = 460L;
        c.mnc = 0L;
        return c;
      };

  public final AccessContext access =
      () -> {
        if (!call("access")) return null;
        AccessContext.Info i = new AccessContext.Info();
        i.ip = "10.1.2.3";
        i.browser = "Mozilla/5.0 (Linux; Android 14)";
        i.language = "zh_CN";
        return i;
      };

  public int calls(String name) {
    AtomicInteger n = calls.get(name);
    return n == null ? 0 : n.get();
  }

  public int totalCalls() {
    int total = 0;
    for (AtomicInteger n : calls.values()) total += n.get();
    return total;
  }

  /** Every seam throws {@code f} — unchecked, an Error, or even a checked exception. */
  public void failWith(Throwable f) {
    failure = f;
  }

  public void returnNull(boolean on) {
    returnNull = on;
  }

  private boolean call(String name) {
    calls.computeIfAbsent(name, m -> new AtomicInteger()).incrementAndGet();
    Throwable f = failure;
    if (f != null) CountingSeams.<RuntimeException>sneakyThrow(f);
    return !returnNull;
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
    throw (T) t;
  }
}
