// NativeClient: what a Java Telegate's handle points at — the Java seams
// wrapped for the core, the Env over them, the client, and the bridge's
// bookkeeping (category handles, status listeners, upload controls).
//
// Lifetime: created by Telegate.nativeOpen, closed by Telegate.close, and
// deleted only by the Java side's cleaner once the Telegate is
// unreachable, so no Java call can still be using it. Closing never frees
// anything a racing call could touch.
//
// Threading: thread-safe.
#ifndef TELEGATE_PLATFORM_ANDROID_JNI_NATIVE_CLIENT_H_
#define TELEGATE_PLATFORM_ANDROID_JNI_NATIVE_CLIENT_H_

#include <jni.h>

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "jni_env.h"
#include "telegate/telegate.h"

namespace telegate::jni_internal {

// The Java objects Telegate.open hands over (null: not provided).
struct JavaSeamObjects {
  jobject permissions = nullptr;  // required
  jobject key_store = nullptr;    // required
  jobject clock = nullptr;
  jobject scheduler = nullptr;
  jobject device_facts = nullptr;
  jobject device_identity = nullptr;
  jobject installed_apps = nullptr;
  jobject usage_records = nullptr;
  jobject location = nullptr;
  jobject nearby_networks = nullptr;
  jobject base_stations = nullptr;
  jobject network = nullptr;
  jobject access = nullptr;
};

// A category name, converted once, for Category.track's hot path.
struct CategoryHandle {
  std::string name;
};

class NativeClient {
 public:
  // Opens the client on `options` (a telegate.android.proto.OpenOptions).
  // `listener` (an io.telegate.ListenerDispatch, or null) is registered
  // before start-up.
  static absl::StatusOr<std::unique_ptr<NativeClient>> Open(
      JNIEnv* env, absl::string_view options, const JavaSeamObjects& seams,
      jobject listener);
  // Closes the client (if Close was not called), then releases the seams.
  ~NativeClient();
  NativeClient(const NativeClient&) = delete;
  NativeClient& operator=(const NativeClient&) = delete;

  Client& client() { return *client_; }
  bool closed() const { return closed_.load(std::memory_order_acquire); }
  // The largest event the client accepts (ClientOptions::max_event_bytes).
  size_t max_event_bytes() const { return max_event_bytes_; }

  // Client::Close, then drops every status listener. Idempotent.
  absl::Status Close(absl::Duration timeout);

  // The handle of catalog category `name`, made once and stable until the
  // NativeClient goes. kInvalidArgument for a category the catalog does not
  // declare.
  absl::StatusOr<const CategoryHandle*> Category(const std::string& name);

  // Registers `dispatch` (an io.telegate.ListenerDispatch) as a status
  // observer, held weakly (the Java Telegate holds it). Returns its id.
  absl::StatusOr<uint64_t> AddListener(JNIEnv* env, jobject dispatch);
  absl::Status RemoveListener(uint64_t id);

  // Upload controls of tasks handed to Java, until reported.
  void KeepControl(uint64_t task_id, std::shared_ptr<UploadControl> control);
  std::shared_ptr<UploadControl> FindControl(uint64_t task_id);
  void DropControl(uint64_t task_id);

 private:
  NativeClient() = default;

  // Owned seams (declared before client_: destroyed after it).
  std::unique_ptr<PermissionSource> permissions_;
  std::unique_ptr<KeyStore> key_store_;
  std::unique_ptr<Clock> clock_;
  std::unique_ptr<TaskScheduler> scheduler_;
  std::unique_ptr<DeviceFacts> device_facts_;
  std::unique_ptr<DeviceIdentity> device_identity_;
  std::unique_ptr<InstalledApps> installed_apps_;
  std::unique_ptr<UsageRecords> usage_records_;
  std::unique_ptr<LocationSource> location_;
  std::unique_ptr<NearbyNetworks> nearby_networks_;
  std::unique_ptr<BaseStations> base_stations_;
  std::unique_ptr<NetworkInfo> network_;
  std::unique_ptr<AccessContext> access_;
  Env env_;
  std::unique_ptr<Client> client_;
  size_t max_event_bytes_ = 0;
  std::atomic<bool> closed_{false};

  std::mutex mu_;
  std::map<std::string, std::unique_ptr<CategoryHandle>> categories_;  // mu_
  std::map<uint64_t, std::shared_ptr<UploadControl>> controls_;        // mu_
  std::set<uint64_t> listeners_;  // ids added, mu_
};

// A status observer that hands each change, encoded, to the Java
// io.telegate.ListenerDispatch `dispatch` (held weakly). Exceptions are
// cleared; a dispatch already collected is skipped.
StatusObserver ObserverFor(JNIEnv* env, jobject dispatch);

}  // namespace telegate::jni_internal

#endif  // TELEGATE_PLATFORM_ANDROID_JNI_NATIVE_CLIENT_H_
