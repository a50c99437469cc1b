package android.app.usage;

public final class UsageStats {
  private final String packageName;
  private final long foreground;
  private final long lastUsed;

  /** Stub only (STUB_ONLY.txt). */
  public UsageStats(String packageName, long totalTimeInForeground, long lastTimeUsed) {
    this.packageName = packageName;
    this.foreground = totalTimeInForeground;
    this.lastUsed = lastTimeUsed;
  }

  public String getPackageName() {
    return packageName;
  }

  public long getTotalTimeInForeground() {
    return foreground;
  }

  public long getLastTimeUsed() {
    return lastUsed;
  }
}
