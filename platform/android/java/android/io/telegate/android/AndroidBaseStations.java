package io.telegate.android;

import android.content.Context;
import android.os.Build;
import android.telephony.CellIdentityGsm;
import android.telephony.CellIdentityLte;
import android.telephony.CellIdentityNr;
import android.telephony.CellIdentityWcdma;
import android.telephony.CellInfo;
import android.telephony.CellInfoGsm;
import android.telephony.CellInfoLte;
import android.telephony.CellInfoNr;
import android.telephony.CellInfoWcdma;
import android.telephony.TelephonyManager;
import io.telegate.BaseStations;
import java.util.List;

/**
 * location.cell on Android: the serving and neighbouring cells of {@code
 * TelephonyManager.getAllCellInfo} (GSM, WCDMA, LTE, and NR from Android 10). Values the radio
 * reports as unavailable are left out; MCC and MNC are read from Android 9. Thread-safe.
 */
public final class AndroidBaseStations implements BaseStations {
  // CellInfo.UNAVAILABLE and UNAVAILABLE_LONG (API 29), and the -1 older
  // releases used for "unknown".
  private static final int UNAVAILABLE = Integer.MAX_VALUE;
  private static final long UNAVAILABLE_LONG = Long.MAX_VALUE;

  private final Context context;

  public AndroidBaseStations(Context context) {
    this.context = context;
  }

  @Override
  public Scan scan() {
    Scan scan = new Scan();
    TelephonyManager telephony =
        (TelephonyManager) context.getSystemService(Context.TELEPHONY_SERVICE);
    if (telephony == null) {
      scan.warnings.add("no telephony service");
      return scan;
    }
    List<CellInfo> cells = telephony.getAllCellInfo();
    if (cells == null) return scan;
    for (CellInfo cell : cells) {
      Station s = station(cell);
      if (s == null) {
        scan.warnings.add("unsupported cell type " + (cell == null ? "null" : cell.getClass().getSimpleName()));
      } else {
        scan.stations.add(s);
      }
    }
    return scan;
  }

  private static Station station(CellInfo cell) {
    if (cell instanceof CellInfoLte) {
      CellInfoLte lte = (CellInfoLte) cell;
      CellIdentityLte id = lte.getCellIdentity();
      Station s = new Station();
      s.radio = "lte";
      s.cellId = known(id.getCi());
      s.areaCode = known(id.getTac());
      plmn(s, id.getMccString(), id.getMncString());
      s.signalDbm = known(lte.getCellSignalStrength().getDbm());
      return s;
    }
    if (cell instanceof CellInfoGsm) {
      CellInfoGsm gsm = (CellInfoGsm) cell;
      CellIdentityGsm id = gsm.getCellIdentity();
      Station s = new Station();
      s.radio = "gsm";
      s.cellId = known(id.getCid());
      s.areaCode = known(id.getLac());
      plmn(s, id.getMccString(), id.getMncString());
      s.signalDbm = known(gsm.getCellSignalStrength().getDbm());
      return s;
    }
    if (cell instanceof CellInfoWcdma) {
      CellInfoWcdma wcdma = (CellInfoWcdma) cell;
      CellIdentityWcdma id = wcdma.getCellIdentity();
      Station s = new Station();
      s.radio = "wcdma";
      s.cellId = known(id.getCid());
      s.areaCode = known(id.getLac());
      plmn(s, id.getMccString(), id.getMncString());
      s.signalDbm = known(wcdma.getCellSignalStrength().getDbm());
      return s;
    }
    if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.Q) return nr(cell);
    return null;
  }

  /** CellInfoNr exists from API 29: only touched there. */
  private static Station nr(CellInfo cell) {
    if (!(cell instanceof CellInfoNr)) return null;
    CellInfoNr nr = (CellInfoNr) cell;
    if (!(nr.getCellIdentity() instanceof CellIdentityNr)) return null;
    CellIdentityNr id = (CellIdentityNr) nr.getCellIdentity();
    Station s = new Station();
    s.radio = "nr";
    long nci = id.getNci();
    s.cellId = nci == UNAVAILABLE_LONG || nci < 0 ? null : nci;
    s.areaCode = known(id.getTac());
    plmn(s, id.getMccString(), id.getMncString());
    s.signalDbm = known(nr.getCellSignalStrength().getDbm());
    return s;
  }

  private static Long known(int value) {
    return value == UNAVAILABLE || value == -1 ? null : (long) value;
  }

  private static void plmn(Station s, String mcc, String mnc) {
    if (Build.VERSION.SDK_INT < Build.VERSION_CODES.P) return;
    s.mcc = digits(mcc);
    s.mnc = digits(mnc);
  }

  private static Long digits(String s) {
    if (s == null || s.isEmpty() || s.length() > 3) return null;
    for (int i = 0; i < s.length(); ++i) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') return null;
    }
    return Long.parseLong(s);
  }
}
