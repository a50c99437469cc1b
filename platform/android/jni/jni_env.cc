#include "jni_env.h"

#include <pthread.h>
#include <sys/prctl.h>

#include <atomic>

namespace telegate::jni_internal {

namespace {

std::atomic<JavaVM*> g_vm{nullptr};
pthread_key_t g_detach_key;
pthread_once_t g_key_once = PTHREAD_ONCE_INIT;

// Runs at the exit of a thread this file attached.
void DetachAtExit(void* vm) { static_cast<JavaVM*>(vm)->DetachCurrentThread(); }

void MakeKey() { pthread_key_create(&g_detach_key, &DetachAtExit); }

// The JDK's jni.h declares the env parameter void**, the NDK's JNIEnv**:
// deduce it from the member's own type.
template <typename EnvOut>
jint AttachAsDaemon(JavaVM* vm, jint (JavaVM::*)(EnvOut, void*), JNIEnv** env,
                    JavaVMAttachArgs* args) {
  return vm->AttachCurrentThreadAsDaemon(reinterpret_cast<EnvOut>(env), args);
}

}  // namespace

void SetJavaVm(JavaVM* vm) {
  pthread_once(&g_key_once, &MakeKey);
  g_vm.store(vm, std::memory_order_release);
}

JavaVM* GetJavaVm() { return g_vm.load(std::memory_order_acquire); }

JNIEnv* ThreadEnv() {
  JavaVM* vm = GetJavaVm();
  if (vm == nullptr) return nullptr;
  void* env = nullptr;
  jint got = vm->GetEnv(&env, JNI_VERSION_1_6);
  if (got == JNI_OK) return static_cast<JNIEnv*>(env);
  if (got != JNI_EDETACHED) return nullptr;
  // The thread's own name (pthread_getname_np needs Android API 26).
  char name[16] = "telegate";
  prctl(PR_GET_NAME, name, 0, 0, 0);
  name[sizeof(name) - 1] = '\0';
  JavaVMAttachArgs args;
  args.version = JNI_VERSION_1_6;
  args.name = name;
  args.group = nullptr;
  JNIEnv* attached = nullptr;
  if (AttachAsDaemon(vm, &JavaVM::AttachCurrentThreadAsDaemon, &attached,
                     &args) != JNI_OK) {
    return nullptr;
  }
  // Detach when this thread exits: a thread must not end attached.
  pthread_setspecific(g_detach_key, vm);
  return attached;
}

LocalFrame::LocalFrame(JNIEnv* env, jint capacity)
    : env_(env), pushed_(env->PushLocalFrame(capacity) == 0) {}

LocalFrame::~LocalFrame() {
  if (pushed_) env_->PopLocalFrame(nullptr);
}

GlobalRef::GlobalRef(JNIEnv* env, jobject local) {
  if (local == nullptr) return;
  jobject ref = env->NewGlobalRef(local);
  if (ref == nullptr) return;
  holder_ = std::make_shared<Holder>();
  holder_->ref = ref;
}

GlobalRef::Holder::~Holder() {
  if (ref == nullptr) return;
  if (JNIEnv* env = ThreadEnv()) env->DeleteGlobalRef(ref);
}

WeakRef::WeakRef(JNIEnv* env, jobject local) {
  if (local == nullptr) return;
  jweak ref = env->NewWeakGlobalRef(local);
  if (ref == nullptr) return;
  holder_ = std::make_shared<Holder>();
  holder_->ref = ref;
}

jobject WeakRef::NewLocal(JNIEnv* env) const {
  if (holder_ == nullptr) return nullptr;
  return env->NewLocalRef(holder_->ref);
}

WeakRef::Holder::~Holder() {
  if (ref == nullptr) return;
  if (JNIEnv* env = ThreadEnv()) env->DeleteWeakGlobalRef(ref);
}

}  // namespace telegate::jni_internal
