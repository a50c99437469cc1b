package android.app.usage;

import java.util.ArrayList;
import java.util.List;

public final class UsageStatsManager {
  public static final int INTERVAL_DAILY = 0;

  private final List<UsageStats> stats;

  /** Stub only (STUB_ONLY.txt): queryUsageStats answers {@code stats}. */
  public UsageStatsManager(List<UsageStats> stats) {
    this.stats = stats;
  }

  public List<UsageStats> queryUsageStats(int intervalType, long beginTime, long endTime) {
    return stats == null ? null : new ArrayList<>(stats);
  }
}
