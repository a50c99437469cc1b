package io.telegate.android;

import android.app.usage.UsageStats;
import android.app.usage.UsageStatsManager;
import android.content.Context;
import io.telegate.UsageRecords;
import java.util.List;

/**
 * device.usage on Android: daily {@code UsageStatsManager} records (needs the usage-access
 * special permission, PACKAGE_USAGE_STATS in the catalog). Thread-safe.
 */
public final class AndroidUsageRecords implements UsageRecords {
  private final Context context;

  public AndroidUsageRecords(Context context) {
    this.context = context;
  }

  @Override
  public Report query(long sinceMillis, long untilMillis) {
    Report report = new Report();
    UsageStatsManager usage =
        (UsageStatsManager) context.getSystemService(Context.USAGE_STATS_SERVICE);
    if (usage == null) {
      report.warnings.add("no usage statistics service");
      return report;
    }
    List<UsageStats> stats =
        usage.queryUsageStats(UsageStatsManager.INTERVAL_DAILY, sinceMillis, untilMillis);
    if (stats == null) return report;
    for (UsageStats s : stats) {
      if (s == null || s.getPackageName() == null) continue;
      Record r = new Record();
      r.packageName = s.getPackageName();
      r.foregroundMillis = s.getTotalTimeInForeground();
      long last = s.getLastTimeUsed();
      r.lastUsedMillis = last > 0 ? last : null;
      report.records.add(r);
    }
    return report;
  }
}
