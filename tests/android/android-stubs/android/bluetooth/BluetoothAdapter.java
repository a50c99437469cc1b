package android.bluetooth;

import android.bluetooth.le.BluetoothLeScanner;

public final class BluetoothAdapter {
  private final BluetoothLeScanner scanner;

  /** Stub only (STUB_ONLY.txt); a null scanner: Bluetooth is off. */
  public BluetoothAdapter(BluetoothLeScanner scanner) {
    this.scanner = scanner;
  }

  public BluetoothLeScanner getBluetoothLeScanner() {
    return scanner;
  }
}
