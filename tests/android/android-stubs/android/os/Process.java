package android.os;

public class Process {
  /** Stub: android.stub.Process.uid, default 10123. */
  public static final int myUid() {
    return Integer.getInteger("android.stub.Process.uid", 10123);
  }
}
