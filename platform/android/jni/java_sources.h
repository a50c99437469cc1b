// The collection seams (device facts, identity, apps, usage, location,
// nearby networks, cells, carrier, access) over Java objects. Each call is
// one JNI call to a static io.telegate.Seams entry point, which runs the
// Java seam and returns its result as bridge.proto bytes; a Java exception
// or a null result becomes kUnavailable (or the TelegateException's code).
//
// Threading: thread-safe. The core calls them on its writer thread, and
// only for open categories.
#ifndef TELEGATE_PLATFORM_ANDROID_JNI_JAVA_SOURCES_H_
#define TELEGATE_PLATFORM_ANDROID_JNI_JAVA_SOURCES_H_

#include <jni.h>

#include "jni_env.h"
#include "telegate/telegate.h"

namespace telegate::jni_internal {

class JavaDeviceFacts final : public DeviceFacts {
 public:
  JavaDeviceFacts(JNIEnv* env, jobject source) : source_(env, source) {}
  absl::StatusOr<DeviceInfo> Read() override;

 private:
  const WeakRef source_;
};

class JavaDeviceIdentity final : public DeviceIdentity {
 public:
  JavaDeviceIdentity(JNIEnv* env, jobject source) : source_(env, source) {}
  absl::StatusOr<DeviceIds> Read() override;

 private:
  const WeakRef source_;
};

class JavaInstalledApps final : public InstalledApps {
 public:
  JavaInstalledApps(JNIEnv* env, jobject source) : source_(env, source) {}
  absl::StatusOr<AppList> List() override;

 private:
  const WeakRef source_;
};

class JavaUsageRecords final : public UsageRecords {
 public:
  JavaUsageRecords(JNIEnv* env, jobject source) : source_(env, source) {}
  absl::StatusOr<UsageReport> Query(absl::Time since,
                                    absl::Time until) override;

 private:
  const WeakRef source_;
};

class JavaLocationSource final : public LocationSource {
 public:
  JavaLocationSource(JNIEnv* env, jobject source) : source_(env, source) {}
  absl::StatusOr<LocationFix> CurrentFix(LocationAccuracy accuracy) override;

 private:
  const WeakRef source_;
};

class JavaNearbyNetworks final : public NearbyNetworks {
 public:
  JavaNearbyNetworks(JNIEnv* env, jobject source) : source_(env, source) {}
  absl::StatusOr<WifiScan> ScanWifi() override;
  absl::StatusOr<BluetoothScan> ScanBluetooth() override;

 private:
  const WeakRef source_;
};

class JavaBaseStations final : public BaseStations {
 public:
  JavaBaseStations(JNIEnv* env, jobject source) : source_(env, source) {}
  absl::StatusOr<BaseStationScan> Scan() override;

 private:
  const WeakRef source_;
};

class JavaNetworkInfo final : public NetworkInfo {
 public:
  JavaNetworkInfo(JNIEnv* env, jobject source) : source_(env, source) {}
  absl::StatusOr<CarrierInfo> Carrier() override;

 private:
  const WeakRef source_;
};

class JavaAccessContext final : public AccessContext {
 public:
  JavaAccessContext(JNIEnv* env, jobject source) : source_(env, source) {}
  absl::StatusOr<AccessInfo> Read() override;

 private:
  const WeakRef source_;
};

}  // namespace telegate::jni_internal

#endif  // TELEGATE_PLATFORM_ANDROID_JNI_JAVA_SOURCES_H_
