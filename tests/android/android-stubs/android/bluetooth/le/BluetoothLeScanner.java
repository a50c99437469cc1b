package android.bluetooth.le;

import java.util.ArrayList;
import java.util.List;

public final class BluetoothLeScanner {
  private final List<ScanResult> results;
  private int active;

  /** Stub only (STUB_ONLY.txt): startScan reports {@code results}, at once. */
  public BluetoothLeScanner(List<ScanResult> results) {
    this.results = new ArrayList<>(results);
  }

  public void startScan(ScanCallback callback) {
    ++active;
    for (ScanResult r : results) callback.onScanResult(1, r);
  }

  public void stopScan(ScanCallback callback) {
    --active;
  }

  /** Stub only (its name says so): scans started and not stopped. */
  public int stubActiveScans() {
    return active;
  }
}
