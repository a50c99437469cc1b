package io.telegate;

import java.util.ArrayList;
import java.util.List;

/**
 * Wi-Fi access points and Bluetooth devices nearby, for location.wifi and location.bluetooth
 * (the native NearbyNetworks seam). Addresses are hashed by the collector. Called from the
 * writer thread, only while the category is open. Thread-safe.
 */
public interface NearbyNetworks {
  final class WifiAccessPoint {
    public String ssid = "";
    public String bssid = "";
    public Long rssiDbm;
    public Long frequencyMhz;
  }

  final class WifiScan {
    public final List<WifiAccessPoint> accessPoints = new ArrayList<>();
    public final List<String> warnings = new ArrayList<>();
  }

  final class BluetoothDevice {
    public String name = "";
    public String address = "";
    public Long rssiDbm;
  }

  final class BluetoothScan {
    public final List<BluetoothDevice> devices = new ArrayList<>();
    public final List<String> warnings = new ArrayList<>();
  }

  /** The latest Wi-Fi scan results. */
  WifiScan scanWifi();

  /** Bluetooth devices seen by a short scan. */
  BluetoothScan scanBluetooth();
}
