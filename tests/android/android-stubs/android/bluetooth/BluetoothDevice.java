package android.bluetooth;

public final class BluetoothDevice {
  private final String address;
  private final String name;

  /** Stub only (STUB_ONLY.txt); a null name: reading it is refused (BLUETOOTH_CONNECT). */
  public BluetoothDevice(String address, String name) {
    this.address = address;
    this.name = name;
  }

  public String getAddress() {
    return address;
  }

  public String getName() {
    if (name == null) throw new SecurityException("Need android.permission.BLUETOOTH_CONNECT");
    return name;
  }
}
