package android.net;

import java.net.InetAddress;

public class LinkAddress {
  private final InetAddress address;

  /** Stub only (STUB_ONLY.txt). */
  public LinkAddress(InetAddress address) {
    this.address = address;
  }

  public InetAddress getAddress() {
    return address;
  }
}
