#include "java_sources.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "bridge_codec.h"
#include "java_classes.h"
#include "jni_errors.h"
#include "jni_strings.h"

namespace telegate::jni_internal {

namespace {

// Calls the static Seams.<method>(seam, args...) and returns the bytes it
// encoded; a null result is `if_null`.
template <typename... Args>
absl::StatusOr<std::string> CallSeam(const char* what, jmethodID method,
                                     const WeakRef& seam,
                                     absl::StatusCode if_null, Args... args) {
  JNIEnv* env = ThreadEnv();
  if (env == nullptr) {
    return absl::UnavailableError(
        absl::StrCat(what, ": this thread cannot reach the Java VM"));
  }
  LocalFrame frame(env, 4);
  if (!frame.ok()) return TakeJavaException(env, what);
  jobject object = seam.NewLocal(env);
  if (object == nullptr) {
    return absl::UnavailableError(
        absl::StrCat(what, ": the object was collected with its Telegate"));
  }
  auto bytes = static_cast<jbyteArray>(
      env->CallStaticObjectMethod(Java().seams, method, object, args...));
  absl::Status failed = TakeJavaException(env, what);
  if (!failed.ok()) return failed;
  if (bytes == nullptr) {
    return absl::Status(if_null, absl::StrCat(what, " returned nothing"));
  }
  return ReadBytes(env, bytes);
}

// Runs `decode` on the bytes a seam returned.
template <typename T, typename Decode>
absl::StatusOr<T> Decoded(absl::StatusOr<std::string> bytes, Decode decode) {
  if (!bytes.ok()) return bytes.status();
  return decode(*bytes);
}

}  // namespace

absl::StatusOr<DeviceInfo> JavaDeviceFacts::Read() {
  return Decoded<DeviceInfo>(
      CallSeam("DeviceFacts.read", Java().read_device_facts, source_,
               absl::StatusCode::kUnavailable),
      DecodeDeviceInfo);
}

absl::StatusOr<DeviceIds> JavaDeviceIdentity::Read() {
  return Decoded<DeviceIds>(
      CallSeam("DeviceIdentity.read", Java().read_device_ids, source_,
               absl::StatusCode::kUnavailable),
      DecodeDeviceIds);
}

absl::StatusOr<AppList> JavaInstalledApps::List() {
  return Decoded<AppList>(CallSeam("InstalledApps.list", Java().list_apps,
                                   source_, absl::StatusCode::kUnavailable),
                          DecodeAppList);
}

absl::StatusOr<UsageReport> JavaUsageRecords::Query(absl::Time since,
                                                    absl::Time until) {
  return Decoded<UsageReport>(
      CallSeam("UsageRecords.query", Java().query_usage, source_,
               absl::StatusCode::kUnavailable,
               static_cast<jlong>(absl::ToUnixMillis(since)),
               static_cast<jlong>(absl::ToUnixMillis(until))),
      DecodeUsageReport);
}

absl::StatusOr<LocationFix> JavaLocationSource::CurrentFix(
    LocationAccuracy accuracy) {
  const jboolean precise =
      accuracy == LocationAccuracy::kPrecise ? JNI_TRUE : JNI_FALSE;
  return Decoded<LocationFix>(
      CallSeam("LocationSource.currentFix", Java().current_fix, source_,
               absl::StatusCode::kNotFound, precise),
      DecodeLocationFix);
}

absl::StatusOr<WifiScan> JavaNearbyNetworks::ScanWifi() {
  return Decoded<WifiScan>(CallSeam("NearbyNetworks.scanWifi", Java().scan_wifi,
                                    source_, absl::StatusCode::kUnavailable),
                           DecodeWifiScan);
}

absl::StatusOr<BluetoothScan> JavaNearbyNetworks::ScanBluetooth() {
  return Decoded<BluetoothScan>(
      CallSeam("NearbyNetworks.scanBluetooth", Java().scan_bluetooth, source_,
               absl::StatusCode::kUnavailable),
      DecodeBluetoothScan);
}

absl::StatusOr<BaseStationScan> JavaBaseStations::Scan() {
  return Decoded<BaseStationScan>(
      CallSeam("BaseStations.scan", Java().scan_cells, source_,
               absl::StatusCode::kUnavailable),
      DecodeBaseStationScan);
}

absl::StatusOr<CarrierInfo> JavaNetworkInfo::Carrier() {
  return Decoded<CarrierInfo>(
      CallSeam("NetworkInfo.carrier", Java().read_carrier, source_,
               absl::StatusCode::kUnavailable),
      DecodeCarrierInfo);
}

absl::StatusOr<AccessInfo> JavaAccessContext::Read() {
  return Decoded<AccessInfo>(CallSeam("AccessContext.read", Java().read_access,
                                      source_, absl::StatusCode::kUnavailable),
                             DecodeAccessInfo);
}

}  // namespace telegate::jni_internal
