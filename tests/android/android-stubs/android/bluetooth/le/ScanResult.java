package android.bluetooth.le;

import android.bluetooth.BluetoothDevice;

public final class ScanResult {
  private final BluetoothDevice device;
  private final int rssi;

  /** Stub only (STUB_ONLY.txt). */
  public ScanResult(BluetoothDevice device, int rssi) {
    this.device = device;
    this.rssi = rssi;
  }

  public BluetoothDevice getDevice() {
    return device;
  }

  public int getRssi() {
    return rssi;
  }
}
