package android.net;

import java.util.ArrayList;
import java.util.List;

public final class LinkProperties {
  private final List<LinkAddress> addresses;

  /** Stub only (STUB_ONLY.txt). */
  public LinkProperties(List<LinkAddress> addresses) {
    this.addresses = new ArrayList<>(addresses);
  }

  public List<LinkAddress> getLinkAddresses() {
    return new ArrayList<>(addresses);
  }
}
