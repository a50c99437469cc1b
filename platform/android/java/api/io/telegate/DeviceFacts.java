package io.telegate;

import java.util.ArrayList;
import java.util.List;

/**
 * Device facts for device.basic (the native DeviceFacts seam): Build.*, locale, screen,
 * memory. Called from the writer thread, and only while device.basic is open. Thread-safe.
 */
public interface DeviceFacts {
  /** What could be read; "" and 0 mean unknown. */
  final class Info {
    public String model = "";
    public String manufacturer = "";
    public String osName = "";
    public String osVersion = "";
    public String kernel = "";
    public String appVersion = "";
    public String language = "";
    public long screenWidth;
    public long screenHeight;
    public long cpuCount;
    public long memoryMb;
    /** Problems met while reading; the fields that could be read are filled. */
    public final List<String> warnings = new ArrayList<>();
  }

  Info read();
}
