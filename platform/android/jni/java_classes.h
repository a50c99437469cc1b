// The Java classes and methods the bridge calls, looked up once in
// JNI_OnLoad (where FindClass sees the app's class loader) and held as
// global references for the life of the process.
//
// Threading: filled once before any other bridge code runs; read-only after.
#ifndef TELEGATE_PLATFORM_ANDROID_JNI_JAVA_CLASSES_H_
#define TELEGATE_PLATFORM_ANDROID_JNI_JAVA_CLASSES_H_

#include <jni.h>

namespace telegate::jni_internal {

struct JavaClasses {
  // java.lang
  jclass illegal_argument = nullptr;
  jclass illegal_state = nullptr;
  jclass runnable = nullptr;
  jmethodID runnable_run = nullptr;

  // io.telegate
  jclass telegate_exception = nullptr;
  jmethodID telegate_exception_init = nullptr;  // (int code, String message)

  jclass seams = nullptr;  // static entry points, io.telegate.Seams
  jmethodID failure_code = nullptr;
  jmethodID failure_message = nullptr;
  jmethodID read_device_facts = nullptr;
  jmethodID read_device_ids = nullptr;
  jmethodID list_apps = nullptr;
  jmethodID query_usage = nullptr;
  jmethodID current_fix = nullptr;
  jmethodID scan_wifi = nullptr;
  jmethodID scan_bluetooth = nullptr;
  jmethodID scan_cells = nullptr;
  jmethodID read_carrier = nullptr;
  jmethodID read_access = nullptr;

  jmethodID permission_os_level = nullptr;      // PermissionSource.osLevel()
  jmethodID permission_is_granted = nullptr;    // .isGranted(String)
  jmethodID permission_set_listener = nullptr;  // .setListener(Listener)
  jclass native_permission_listener = nullptr;
  jmethodID native_permission_listener_init = nullptr;    // (long)
  jmethodID native_permission_listener_detach = nullptr;  // ()

  jmethodID key_get = nullptr;      // KeyStore.get(String)
  jmethodID key_create = nullptr;   // .create(String)
  jmethodID key_destroy = nullptr;  // .destroy(String)

  jmethodID clock_now = nullptr;  // Clock.nowMillis()

  jmethodID scheduler_schedule =
      nullptr;  // TaskScheduler.schedule(long, Runnable)
  jmethodID scheduler_cancel = nullptr;  // .cancel(long)
  jclass native_task = nullptr;
  jmethodID native_task_init = nullptr;  // (long)

  jclass listener_dispatch = nullptr;
  jmethodID dispatch_deliver = nullptr;  // ListenerDispatch.deliver(byte[])
};

// Looks everything up; false (with a Java exception pending) if a class or
// method is missing — the jar and the library do not match.
bool LoadJavaClasses(JNIEnv* env);

// The table. Valid after LoadJavaClasses succeeded.
const JavaClasses& Java();

}  // namespace telegate::jni_internal

#endif  // TELEGATE_PLATFORM_ANDROID_JNI_JAVA_CLASSES_H_
