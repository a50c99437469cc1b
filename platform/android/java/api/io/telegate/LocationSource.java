package io.telegate;

import java.util.ArrayList;
import java.util.List;

/**
 * Position fixes for location.precise and location.coarse (the native LocationSource seam).
 * Called from the writer thread, only while the category is open: it should return within a
 * few seconds. Thread-safe.
 */
public interface LocationSource {
  final class Fix {
    public double latitude;
    public double longitude;
    /** Null if unknown. */
    public Double accuracyMeters;
    /** Null if unknown. */
    public Double altitudeMeters;
    /** ISO 3166-2 region, "" if unknown. */
    public String region = "";

    public final List<String> warnings = new ArrayList<>();
  }

  /** The current (or last known) fix, or null when there is none. */
  Fix currentFix(boolean precise);
}
