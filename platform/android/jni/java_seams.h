// The core seams that every client uses, implemented over Java objects
// (io.telegate.PermissionSource, KeyStore, Clock, TaskScheduler). The core
// calls them from its writer thread (and Track's caller for the clock):
// each call attaches the thread if needed, works inside a local frame, and
// turns a Java exception into a status (or the documented fallback).
//
// Threading: thread-safe, as the seam interfaces require. Each holds a
// weak reference to its Java object (the Java Telegate holds the strong
// one): a seam collected with its Telegate behaves like one that throws.
#ifndef TELEGATE_PLATFORM_ANDROID_JNI_JAVA_SEAMS_H_
#define TELEGATE_PLATFORM_ANDROID_JNI_JAVA_SEAMS_H_

#include <jni.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>

#include "absl/status/statusor.h"
#include "jni_env.h"
#include "telegate/telegate.h"

namespace telegate::jni_internal {

// Over io.telegate.PermissionSource. A seam that throws answers "not
// granted" (privacy first: the category closes).
class JavaPermissionSource final : public PermissionSource {
 public:
  // Reads osLevel() once. Its exception is returned.
  static absl::StatusOr<std::unique_ptr<JavaPermissionSource>> Create(
      JNIEnv* env, jobject source);
  ~JavaPermissionSource() override;

  Platform platform() const override { return Platform::kAndroid; }
  int os_level() const override { return os_level_; }
  bool IsGranted(absl::string_view permission) override;
  // Hands the Java source an io.telegate.NativePermissionListener bound to
  // `listener`; nullptr detaches it first (waiting for a call in progress),
  // so `listener` is never called after this returns.
  void SetListener(Listener* listener) override;

  // NativePermissionListener.onPermissionsChanged, under that object's
  // monitor (which SetListener(nullptr) also takes).
  void NotifyListener();

 private:
  JavaPermissionSource(WeakRef source, int os_level)
      : source_(std::move(source)), os_level_(os_level) {}

  const WeakRef source_;
  const int os_level_;
  std::mutex set_mu_;  // one SetListener at a time
  std::atomic<Listener*> listener_{nullptr};
  GlobalRef java_listener_;  // guarded by set_mu_
};

// Over io.telegate.KeyStore. Keys are copied into SecretBytes and the
// returned Java array is overwritten with zeros.
class JavaKeyStore final : public KeyStore {
 public:
  JavaKeyStore(JNIEnv* env, jobject store) : store_(env, store) {}

  absl::StatusOr<SecretBytes> Get(absl::string_view name) override;
  absl::StatusOr<SecretBytes> Create(absl::string_view name) override;
  absl::Status Destroy(absl::string_view name) override;

 private:
  absl::StatusOr<SecretBytes> CallForKey(jmethodID method,
                                         absl::string_view name,
                                         const char* what);
  const WeakRef store_;
};

// Over io.telegate.Clock. A clock that throws reads as the system clock.
class JavaClock final : public Clock {
 public:
  JavaClock(JNIEnv* env, jobject clock) : clock_(env, clock) {}
  absl::Time Now() override;

 private:
  const WeakRef clock_;
};

// Over io.telegate.TaskScheduler: each task is registered natively under an
// id and handed to Java as an io.telegate.NativeTask(id). A task cancelled,
// or whose scheduler is gone, is no longer registered: running it does
// nothing.
class JavaTaskScheduler final : public TaskScheduler {
 public:
  JavaTaskScheduler(JNIEnv* env, jobject scheduler)
      : scheduler_(env, scheduler) {}
  // Forgets (and cancels in Java) every task not yet run.
  ~JavaTaskScheduler() override;

  TaskId Schedule(absl::Duration delay, std::function<void()> task) override;
  void Cancel(TaskId id) override;

  // NativeTask.run: runs task `id` if it is still registered.
  static void Run(uint64_t id);

 private:
  void CancelInJava(jlong token);

  const WeakRef scheduler_;
};

}  // namespace telegate::jni_internal

#endif  // TELEGATE_PLATFORM_ANDROID_JNI_JAVA_SEAMS_H_
