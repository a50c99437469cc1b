package android.net;

public class Network {
  /** Stub only (STUB_ONLY.txt). */
  public Network() {}
}
