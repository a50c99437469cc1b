package io.telegate;

import java.util.ArrayList;
import java.util.List;

/**
 * Software usage records for device.usage (the native UsageRecords seam). Called from the
 * writer thread, only while the category is open. Thread-safe.
 */
public interface UsageRecords {
  final class Record {
    public String packageName = "";
    /** Time in the foreground; null if unknown. */
    public Long foregroundMillis;
    /** Last use, ms since the Unix epoch; null if unknown. */
    public Long lastUsedMillis;
  }

  final class Report {
    public final List<Record> records = new ArrayList<>();
    public final List<String> warnings = new ArrayList<>();
  }

  /** Usage between the two times (ms since the Unix epoch). */
  Report query(long sinceMillis, long untilMillis);
}
