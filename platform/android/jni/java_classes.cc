#include "java_classes.h"

namespace telegate::jni_internal {

namespace {

JavaClasses g_classes;

class Loader {
 public:
  explicit Loader(JNIEnv* env) : env_(env) {}
  bool ok() const { return ok_; }

  jclass Class(const char* name) {
    if (!ok_) return nullptr;
    jclass local = env_->FindClass(name);
    if (local == nullptr) return Fail<jclass>();
    auto global = static_cast<jclass>(env_->NewGlobalRef(local));
    env_->DeleteLocalRef(local);
    return global != nullptr ? global : Fail<jclass>();
  }
  jmethodID Method(jclass c, const char* name, const char* signature) {
    if (!ok_) return nullptr;
    jmethodID m = env_->GetMethodID(c, name, signature);
    return m != nullptr ? m : Fail<jmethodID>();
  }
  jmethodID Static(jclass c, const char* name, const char* signature) {
    if (!ok_) return nullptr;
    jmethodID m = env_->GetStaticMethodID(c, name, signature);
    return m != nullptr ? m : Fail<jmethodID>();
  }
  // An interface's method: the class reference is not kept.
  jmethodID InterfaceMethod(const char* interface, const char* name,
                            const char* signature) {
    if (!ok_) return nullptr;
    jclass local = env_->FindClass(interface);
    if (local == nullptr) return Fail<jmethodID>();
    jmethodID m = env_->GetMethodID(local, name, signature);
    env_->DeleteLocalRef(local);
    return m != nullptr ? m : Fail<jmethodID>();
  }

 private:
  template <typename T>
  T Fail() {
    ok_ = false;  // the VM left NoClassDefFoundError / NoSuchMethodError
    return nullptr;
  }

  JNIEnv* const env_;
  bool ok_ = true;
};

}  // namespace

bool LoadJavaClasses(JNIEnv* env) {
  Loader l(env);
  JavaClasses& j = g_classes;
  j.illegal_argument = l.Class("java/lang/IllegalArgumentException");
  j.illegal_state = l.Class("java/lang/IllegalStateException");
  j.runnable = l.Class("java/lang/Runnable");
  j.runnable_run = l.Method(j.runnable, "run", "()V");

  j.telegate_exception = l.Class("io/telegate/TelegateException");
  j.telegate_exception_init =
      l.Method(j.telegate_exception, "<init>", "(ILjava/lang/String;)V");

  j.seams = l.Class("io/telegate/Seams");
  j.failure_code = l.Static(j.seams, "failureCode", "(Ljava/lang/Throwable;)I");
  j.failure_message = l.Static(j.seams, "failureMessage",
                               "(Ljava/lang/Throwable;)Ljava/lang/String;");
  j.read_device_facts =
      l.Static(j.seams, "readDeviceFacts", "(Lio/telegate/DeviceFacts;)[B");
  j.read_device_ids =
      l.Static(j.seams, "readDeviceIds", "(Lio/telegate/DeviceIdentity;)[B");
  j.list_apps =
      l.Static(j.seams, "listApps", "(Lio/telegate/InstalledApps;)[B");
  j.query_usage =
      l.Static(j.seams, "queryUsage", "(Lio/telegate/UsageRecords;JJ)[B");
  j.current_fix =
      l.Static(j.seams, "currentFix", "(Lio/telegate/LocationSource;Z)[B");
  j.scan_wifi =
      l.Static(j.seams, "scanWifi", "(Lio/telegate/NearbyNetworks;)[B");
  j.scan_bluetooth =
      l.Static(j.seams, "scanBluetooth", "(Lio/telegate/NearbyNetworks;)[B");
  j.scan_cells =
      l.Static(j.seams, "scanCells", "(Lio/telegate/BaseStations;)[B");
  j.read_carrier =
      l.Static(j.seams, "readCarrier", "(Lio/telegate/NetworkInfo;)[B");
  j.read_access =
      l.Static(j.seams, "readAccess", "(Lio/telegate/AccessContext;)[B");

  j.permission_os_level =
      l.InterfaceMethod("io/telegate/PermissionSource", "osLevel", "()I");
  j.permission_is_granted = l.InterfaceMethod(
      "io/telegate/PermissionSource", "isGranted", "(Ljava/lang/String;)Z");
  j.permission_set_listener =
      l.InterfaceMethod("io/telegate/PermissionSource", "setListener",
                        "(Lio/telegate/PermissionSource$Listener;)V");
  j.native_permission_listener =
      l.Class("io/telegate/NativePermissionListener");
  j.native_permission_listener_init =
      l.Method(j.native_permission_listener, "<init>", "(J)V");
  j.native_permission_listener_detach =
      l.Method(j.native_permission_listener, "detach", "()V");

  j.key_get = l.InterfaceMethod("io/telegate/KeyStore", "get",
                                "(Ljava/lang/String;)[B");
  j.key_create = l.InterfaceMethod("io/telegate/KeyStore", "create",
                                   "(Ljava/lang/String;)[B");
  j.key_destroy = l.InterfaceMethod("io/telegate/KeyStore", "destroy",
                                    "(Ljava/lang/String;)V");

  j.clock_now = l.InterfaceMethod("io/telegate/Clock", "nowMillis", "()J");

  j.scheduler_schedule = l.InterfaceMethod(
      "io/telegate/TaskScheduler", "schedule", "(JLjava/lang/Runnable;)J");
  j.scheduler_cancel =
      l.InterfaceMethod("io/telegate/TaskScheduler", "cancel", "(J)V");
  j.native_task = l.Class("io/telegate/NativeTask");
  j.native_task_init = l.Method(j.native_task, "<init>", "(J)V");

  j.listener_dispatch = l.Class("io/telegate/ListenerDispatch");
  j.dispatch_deliver = l.Method(j.listener_dispatch, "deliver", "([B)V");
  return l.ok();
}

const JavaClasses& Java() { return g_classes; }

}  // namespace telegate::jni_internal
