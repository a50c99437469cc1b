package io.telegate;

import java.util.ArrayList;
import java.util.List;

/**
 * The network and operator for network.carrier (the native NetworkInfo seam). Called from the
 * writer thread, only while the category is open. Thread-safe.
 */
public interface NetworkInfo {
  final class Carrier {
    /** "wifi", "ethernet", "cellular", "none" or "" (unknown). */
    public String networkType = "";

    public String operatorName = "";
    public Long mcc;
    public Long mnc;
    public Long interfaceCount;
    public final List<String> warnings = new ArrayList<>();
  }

  Carrier carrier();
}
