package io.telegate.android;

import android.content.Context;
import android.net.ConnectivityManager;
import android.net.Network;
import android.net.NetworkCapabilities;
import android.telephony.TelephonyManager;
import io.telegate.NetworkInfo;

/**
 * network.carrier on Android: the active network's transport ({@code ConnectivityManager}) and
 * the operator ({@code TelephonyManager}: name, MCC and MNC). Never a hardware address.
 * Thread-safe.
 */
public final class AndroidNetworkInfo implements NetworkInfo {
  private final Context context;

  public AndroidNetworkInfo(Context context) {
    this.context = context;
  }

  @Override
  public Carrier carrier() {
    Carrier carrier = new Carrier();
    ConnectivityManager connectivity =
        (ConnectivityManager) context.getSystemService(Context.CONNECTIVITY_SERVICE);
    if (connectivity == null) {
      carrier.warnings.add("no connectivity service");
    } else {
      Network active = connectivity.getActiveNetwork();
      NetworkCapabilities caps =
          active == null ? null : connectivity.getNetworkCapabilities(active);
      if (active == null) {
        carrier.networkType = "none";
      } else if (caps == null) {
        carrier.networkType = "";
      } else if (caps.hasTransport(NetworkCapabilities.TRANSPORT_WIFI)) {
        carrier.networkType = "wifi";
      } else if (caps.hasTransport(NetworkCapabilities.TRANSPORT_CELLULAR)) {
        carrier.networkType = "cellular";
      } else if (caps.hasTransport(NetworkCapabilities.TRANSPORT_ETHERNET)) {
        carrier.networkType = "ethernet";
      }
    }
    TelephonyManager telephony =
        (TelephonyManager) context.getSystemService(Context.TELEPHONY_SERVICE);
    if (telephony != null) {
      carrier.operatorName = AndroidDeviceFacts.orEmpty(telephony.getNetworkOperatorName());
      String plmn = telephony.getNetworkOperator();  // "46000": MCC then MNC
      if (plmn != null && plmn.matches("[0-9]{5,6}")) {
        carrier.mcc = Long.parseLong(plmn.substring(0, 3));
        carrier.mnc = Long.parseLong(plmn.substring(3));
      } else if (plmn != null && !plmn.isEmpty()) {
        carrier.warnings.add("unexpected operator code");
      }
    }
    return carrier;
  }
}
