package android.app;

public class ActivityManager {
  public static class MemoryInfo {
    public long totalMem;

    public MemoryInfo() {}
  }

  /** Stub only (STUB_ONLY.txt). */
  protected ActivityManager() {}

  public void getMemoryInfo(ActivityManager.MemoryInfo outInfo) {}
}
