package io.telegate.android;

import android.bluetooth.BluetoothAdapter;
import android.bluetooth.BluetoothManager;
import android.bluetooth.le.BluetoothLeScanner;
import android.bluetooth.le.ScanCallback;
import android.net.wifi.ScanResult;
import android.net.wifi.WifiManager;
import android.content.Context;
import io.telegate.NearbyNetworks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * location.wifi and location.bluetooth on Android: the latest {@code WifiManager} scan results,
 * and the devices a short {@code BluetoothLeScanner} scan sees. Addresses are hashed by the
 * collector. Runs on the library's writer thread, only while the category is open (a Bluetooth
 * scan holds it for the scan's length, on request only). Thread-safe.
 */
public final class AndroidNearbyNetworks implements NearbyNetworks {
  private final Context context;
  private final long bluetoothScanMillis;

  public AndroidNearbyNetworks(Context context) {
    this(context, 2_000);
  }

  public AndroidNearbyNetworks(Context context, long bluetoothScanMillis) {
    this.context = context;
    this.bluetoothScanMillis = bluetoothScanMillis;
  }

  @Override
  @SuppressWarnings("deprecation") // ScanResult.SSID: getWifiSsid() exists only from API 33
  public WifiScan scanWifi() {
    WifiScan scan = new WifiScan();
    WifiManager wifi = (WifiManager) context.getSystemService(Context.WIFI_SERVICE);
    if (wifi == null) {
      scan.warnings.add("no Wi-Fi service");
      return scan;
    }
    List<ScanResult> results = wifi.getScanResults();
    if (results == null) return scan;
    for (ScanResult r : results) {
      if (r == null) continue;
      WifiAccessPoint ap = new WifiAccessPoint();
      ap.ssid = r.SSID == null ? "" : r.SSID;
      ap.bssid = r.BSSID == null ? "" : r.BSSID;
      ap.rssiDbm = (long) r.level;
      ap.frequencyMhz = (long) r.frequency;
      scan.accessPoints.add(ap);
    }
    return scan;
  }

  @Override
  public BluetoothScan scanBluetooth() {
    BluetoothScan scan = new BluetoothScan();
    BluetoothManager manager =
        (BluetoothManager) context.getSystemService(Context.BLUETOOTH_SERVICE);
    BluetoothAdapter adapter = manager == null ? null : manager.getAdapter();
    BluetoothLeScanner scanner = adapter == null ? null : adapter.getBluetoothLeScanner();
    if (scanner == null) {
      scan.warnings.add("Bluetooth is off or absent");
      return scan;
    }
    final Map<String, NearbyNetworks.BluetoothDevice> seen = new LinkedHashMap<>();
    ScanCallback callback =
        new ScanCallback() {
          @Override
          public void onScanResult(int callbackType, android.bluetooth.le.ScanResult result) {
            if (result == null || result.getDevice() == null) return;
            NearbyNetworks.BluetoothDevice d = new NearbyNetworks.BluetoothDevice();
            d.address = AndroidDeviceFacts.orEmpty(result.getDevice().getAddress());
            try {
              d.name = AndroidDeviceFacts.orEmpty(result.getDevice().getName());
            } catch (SecurityException e) {
              d.name = "";  // names need BLUETOOTH_CONNECT from Android 12
            }
            d.rssiDbm = (long) result.getRssi();
            synchronized (seen) {
              seen.put(d.address, d);
            }
          }

          @Override
          public void onScanFailed(int errorCode) {
            synchronized (seen) {
              scan.warnings.add("Bluetooth scan failed: " + errorCode);
            }
          }
        };
    scanner.startScan(callback);
    try {
      Thread.sleep(bluetoothScanMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      scanner.stopScan(callback);
    }
    synchronized (seen) {
      scan.devices.addAll(seen.values());
    }
    return scan;
  }
}
