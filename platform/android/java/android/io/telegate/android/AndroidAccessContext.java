package io.telegate.android;

import android.content.Context;
import android.net.ConnectivityManager;
import android.net.LinkAddress;
import android.net.LinkProperties;
import android.net.Network;
import android.webkit.WebSettings;
import io.telegate.AccessContext;
import java.net.InetAddress;
import java.util.Locale;

/**
 * log.access on Android: the active network's address ({@code LinkProperties}; the collector
 * and anonymization truncate it), the web views' default user agent, and the language.
 * Thread-safe.
 */
public final class AndroidAccessContext implements AccessContext {
  private final Context context;

  public AndroidAccessContext(Context context) {
    this.context = context;
  }

  @Override
  public Info read() {
    Info info = new Info();
    info.language = Locale.getDefault().toString();
    try {
      info.browser = AndroidDeviceFacts.orEmpty(WebSettings.getDefaultUserAgent(context));
    } catch (RuntimeException e) {
      info.warnings.add("user agent: " + e);  // no WebView installed
    }
    ConnectivityManager connectivity =
        (ConnectivityManager) context.getSystemService(Context.CONNECTIVITY_SERVICE);
    Network active = connectivity == null ? null : connectivity.getActiveNetwork();
    LinkProperties link = active == null ? null : connectivity.getLinkProperties(active);
    if (link == null) {
      info.warnings.add("no active network");
      return info;
    }
    for (LinkAddress address : link.getLinkAddresses()) {
      InetAddress a = address == null ? null : address.getAddress();
      if (a == null || a.isLoopbackAddress() || a.isLinkLocalAddress()) continue;
      info.ip = a.getHostAddress();
      break;
    }
    return info;
  }
}
