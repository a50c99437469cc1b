package io.telegate;

import java.util.ArrayList;
import java.util.List;

/**
 * The serving and neighbouring cells for location.cell (the native BaseStations seam). Called
 * from the writer thread, only while the category is open. Thread-safe.
 */
public interface BaseStations {
  final class Station {
    /** "gsm", "wcdma", "lte", "nr", ... */
    public String radio = "";

    public Long mcc;
    public Long mnc;
    /** LAC or TAC. */
    public Long areaCode;

    public Long cellId;
    public Long signalDbm;
  }

  final class Scan {
    public final List<Station> stations = new ArrayList<>();
    public final List<String> warnings = new ArrayList<>();
  }

  Scan scan();
}
