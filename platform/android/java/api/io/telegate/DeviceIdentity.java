package io.telegate;

import java.util.ArrayList;
import java.util.List;

/**
 * Device identifiers for device.identifiers (the native DeviceIdentity seam). The collector
 * stores only app-scoped hashes of them. Called from the writer thread, and only while
 * device.identifiers is open. Thread-safe.
 */
public interface DeviceIdentity {
  final class Ids {
    /** "" if unknown. */
    public String deviceId = "";
    /** "" if unknown or limited by the user. */
    public String advertisingId = "";

    public final List<String> warnings = new ArrayList<>();
  }

  Ids read();
}
