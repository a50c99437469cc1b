// The JNI plumbing every part of the bridge shares: the cached JavaVM, the
// calling thread's JNIEnv (native threads attach once, as daemons, and
// detach when they exit), local frames and owned global references.
//
//   JNIEnv* env = ThreadEnv();           // any thread; nullptr: no VM
//   if (env == nullptr) return absl::UnavailableError("no Java VM");
//   LocalFrame frame(env);               // local refs die with the frame
//   GlobalRef listener(env, local);      // deleted in its destructor
//
// Threading: thread-safe. A JNIEnv is only ever used on its own thread.
#ifndef TELEGATE_PLATFORM_ANDROID_JNI_JNI_ENV_H_
#define TELEGATE_PLATFORM_ANDROID_JNI_JNI_ENV_H_

#include <jni.h>

#include <memory>

namespace telegate::jni_internal {

// Records the VM (from JNI_OnLoad). Once per process.
void SetJavaVm(JavaVM* vm);
JavaVM* GetJavaVm();

// The calling thread's JNIEnv. A thread the VM does not know (the writer,
// the notification thread) is attached as a daemon named after it — so it
// never keeps the VM from exiting — and detached when it exits (a pthread
// key destructor). nullptr if there is no VM or it refused to attach.
JNIEnv* ThreadEnv();

// Pushes a local reference frame for its scope, so loops and calls from
// native threads (whose local references are otherwise only freed at
// detach) never accumulate references.
class LocalFrame {
 public:
  explicit LocalFrame(JNIEnv* env, jint capacity = 16);
  ~LocalFrame();
  LocalFrame(const LocalFrame&) = delete;
  LocalFrame& operator=(const LocalFrame&) = delete;
  // False if the VM could not reserve the frame (out of memory; a Java
  // exception is then pending).
  bool ok() const { return pushed_; }

 private:
  JNIEnv* const env_;
  const bool pushed_;
};

// Owns one global reference. Deleted on whichever thread drops the last
// copy (attaching it if needed). Null-safe. Thread-safe to copy.
class GlobalRef {
 public:
  GlobalRef() = default;
  // Takes a new global reference to `local` (which stays owned by the
  // caller). Null when `local` is null.
  GlobalRef(JNIEnv* env, jobject local);
  jobject get() const { return holder_ ? holder_->ref : nullptr; }
  explicit operator bool() const { return get() != nullptr; }

 private:
  struct Holder {
    jobject ref = nullptr;
    ~Holder();
  };
  std::shared_ptr<Holder> holder_;
};

// Owns one weak global reference: it does not keep its object alive. The
// bridge holds the app's seams and listeners this way, while the Java
// Telegate holds them strongly, so an object that refers back to the
// Telegate never makes a cycle through a GC root. Thread-safe to copy.
class WeakRef {
 public:
  WeakRef() = default;
  WeakRef(JNIEnv* env, jobject local);
  // A new local reference to the object; nullptr if it was collected (or
  // the reference is null). The caller deletes it (or pops its frame).
  jobject NewLocal(JNIEnv* env) const;
  bool is_null() const { return holder_ == nullptr; }

 private:
  struct Holder {
    jweak ref = nullptr;
    ~Holder();
  };
  std::shared_ptr<Holder> holder_;
};

}  // namespace telegate::jni_internal

#endif  // TELEGATE_PLATFORM_ANDROID_JNI_JNI_ENV_H_
