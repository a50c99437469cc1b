// The bridge's messages (proto/telegate/android/bridge.proto): results the
// native side hands to Java, and what Java hands in (options, seam
// results), converted to and from the public C++ types.
//
//   std::string bytes = EncodeCategoryStatusList(client->GetCategoryStatus());
//   absl::StatusOr<DeviceInfo> info = DecodeDeviceInfo(bytes_from_java);
//
// Threading: pure functions, thread-safe. No JNI in here, so the decoders
// are fuzzed without a JVM (tests/fuzz/jni_bridge_fuzzer.cc).
#ifndef TELEGATE_PLATFORM_ANDROID_JNI_BRIDGE_CODEC_H_
#define TELEGATE_PLATFORM_ANDROID_JNI_BRIDGE_CODEC_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "telegate/telegate.h"

namespace telegate::jni_internal {

// --- Results, C++ -> Java ---
std::string EncodeCategoryStatusList(const std::vector<CategoryStatus>& rows);
std::string EncodeCategoryChange(const CategoryChange& change);
std::string EncodeDropCounts(const DropCounts& drops);
std::string EncodeStoreHealth(const StoreHealth& health);
std::string EncodeCollectionReport(const CollectionReport& report);
std::string EncodeUploadTask(const UploadTask& task);

// --- Java -> C++ ---
// Fills the fields of `options` that telegate.android.proto.OpenOptions
// carries (data_dir, policy, app id, bounds, timeouts), leaving the rest.
// kInvalidArgument for bytes that do not parse or a negative bound.
absl::Status DecodeOpenOptions(absl::string_view bytes, ClientOptions* options);
absl::StatusOr<std::vector<Endpoint>> DecodeEndpoints(absl::string_view bytes);

// Seam results. kInvalidArgument for bytes that do not parse (the Java
// encoder never produces them: a mismatched jar and library).
absl::StatusOr<DeviceInfo> DecodeDeviceInfo(absl::string_view bytes);
absl::StatusOr<DeviceIds> DecodeDeviceIds(absl::string_view bytes);
absl::StatusOr<AppList> DecodeAppList(absl::string_view bytes);
absl::StatusOr<UsageReport> DecodeUsageReport(absl::string_view bytes);
absl::StatusOr<LocationFix> DecodeLocationFix(absl::string_view bytes);
absl::StatusOr<WifiScan> DecodeWifiScan(absl::string_view bytes);
absl::StatusOr<BluetoothScan> DecodeBluetoothScan(absl::string_view bytes);
absl::StatusOr<BaseStationScan> DecodeBaseStationScan(absl::string_view bytes);
absl::StatusOr<CarrierInfo> DecodeCarrierInfo(absl::string_view bytes);
absl::StatusOr<AccessInfo> DecodeAccessInfo(absl::string_view bytes);

}  // namespace telegate::jni_internal

#endif  // TELEGATE_PLATFORM_ANDROID_JNI_BRIDGE_CODEC_H_
