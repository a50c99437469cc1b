package io.telegate;

/**
 * Entry points the native bridge calls on its own threads: each reads one seam and encodes
 * what it returned as a telegate.android.proto message, so one JNI call carries the whole
 * result. An exception thrown by a seam propagates to the bridge, which turns it into a
 * status with {@link #failureCode} and {@link #failureMessage}.
 */
final class Seams {
  private Seams() {}

  static int failureCode(Throwable t) {
    if (t instanceof TelegateException) return ((TelegateException) t).code().number();
    return StatusCode.UNAVAILABLE.number();
  }

  static String failureMessage(Throwable t) {
    String name = t.getClass().getName();
    try {
      String message = t.getMessage();
      return message == null ? name : name + ": " + message;
    } catch (Throwable e) {
      return name;  // a getMessage that throws
    }
  }

  static byte[] readDeviceFacts(DeviceFacts source) {
    DeviceFacts.Info i = source.read();
    if (i == null) return null;
    return new ProtoWriter()
        .writeString(1, i.model)
        .writeString(2, i.manufacturer)
        .writeString(3, i.osName)
        .writeString(4, i.osVersion)
        .writeString(5, i.kernel)
        .writeString(6, i.appVersion)
        .writeString(7, i.language)
        .writeInt64(8, i.screenWidth)
        .writeInt64(9, i.screenHeight)
        .writeInt64(10, i.cpuCount)
        .writeInt64(11, i.memoryMb)
        .writeStrings(12, i.warnings)
        .toByteArray();
  }

  static byte[] readDeviceIds(DeviceIdentity source) {
    DeviceIdentity.Ids i = source.read();
    if (i == null) return null;
    return new ProtoWriter()
        .writeString(1, i.deviceId)
        .writeString(2, i.advertisingId)
        .writeStrings(3, i.warnings)
        .toByteArray();
  }

  static byte[] listApps(InstalledApps source) {
    InstalledApps.AppList list = source.list();
    if (list == null) return null;
    return new ProtoWriter()
        .writeStrings(1, list.packages)
        .writeStrings(2, list.warnings)
        .toByteArray();
  }

  static byte[] queryUsage(UsageRecords source, long since, long until) {
    UsageRecords.Report report = source.query(since, until);
    if (report == null) return null;
    ProtoWriter w = new ProtoWriter();
    for (UsageRecords.Record r : report.records) {
      w.writeMessage(
          1,
          new ProtoWriter()
              .writeString(1, r.packageName)
              .writeOptionalInt64(2, r.foregroundMillis)
              .writeOptionalInt64(3, r.lastUsedMillis));
    }
    return w.writeStrings(2, report.warnings).toByteArray();
  }

  static byte[] currentFix(LocationSource source, boolean precise) {
    LocationSource.Fix f = source.currentFix(precise);
    if (f == null) return null;
    return new ProtoWriter()
        .writeDouble(1, f.latitude)
        .writeDouble(2, f.longitude)
        .writeOptionalDouble(3, f.accuracyMeters)
        .writeOptionalDouble(4, f.altitudeMeters)
        .writeString(5, f.region)
        .writeStrings(6, f.warnings)
        .toByteArray();
  }

  static byte[] scanWifi(NearbyNetworks source) {
    NearbyNetworks.WifiScan scan = source.scanWifi();
    if (scan == null) return null;
    ProtoWriter w = new ProtoWriter();
    for (NearbyNetworks.WifiAccessPoint ap : scan.accessPoints) {
      w.writeMessage(
          1,
          new ProtoWriter()
              .writeString(1, ap.ssid)
              .writeString(2, ap.bssid)
              .writeOptionalInt64(3, ap.rssiDbm)
              .writeOptionalInt64(4, ap.frequencyMhz));
    }
    return w.writeStrings(2, scan.warnings).toByteArray();
  }

  static byte[] scanBluetooth(NearbyNetworks source) {
    NearbyNetworks.BluetoothScan scan = source.scanBluetooth();
    if (scan == null) return null;
    ProtoWriter w = new ProtoWriter();
    for (NearbyNetworks.BluetoothDevice d : scan.devices) {
      w.writeMessage(
          1,
          new ProtoWriter()
              .writeString(1, d.name)
              .writeString(2, d.address)
              .writeOptionalInt64(3, d.rssiDbm));
    }
    return w.writeStrings(2, scan.warnings).toByteArray();
  }

  static byte[] scanCells(BaseStations source) {
    BaseStations.Scan scan = source.scan();
    if (scan == null) return null;
    ProtoWriter w = new ProtoWriter();
    for (BaseStations.Station s : scan.stations) {
      w.writeMessage(
          1,
          new ProtoWriter()
              .writeString(1, s.radio)
              .writeOptionalInt64(2, s.mcc)
              .writeOptionalInt64(3, s.mnc)
              .writeOptionalInt64(4, s.areaCode)
              .writeOptionalInt64(5, s.cellId)
              .writeOptionalInt64(6, s.signalDbm));
    }
    return w.writeStrings(2, scan.warnings).toByteArray();
  }

  static byte[] readCarrier(NetworkInfo source) {
    NetworkInfo.Carrier c = source.carrier();
    if (c == null) return null;
    return new ProtoWriter()
        .writeString(1, c.networkType)
        .writeString(2, c.operatorName)
        .writeOptionalInt64(3, c.mcc)
        .writeOptionalInt64(4, c.mnc)
        .writeOptionalInt64(5, c.interfaceCount)
        .writeStrings(6, c.warnings)
        .toByteArray();
  }

  static byte[] readAccess(AccessContext source) {
    AccessContext.Info i = source.read();
    if (i == null) return null;
    return new ProtoWriter()
        .writeString(1, i.ip)
        .writeString(2, i.browser)
        .writeString(3, i.language)
        .writeStrings(4, i.warnings)
        .toByteArray();
  }
}
