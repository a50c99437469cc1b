#include "java_seams.h"

#include <exception>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "java_classes.h"
#include "jni_errors.h"
#include "jni_strings.h"

namespace telegate::jni_internal {

namespace {

absl::Status NoVm(const char* what) {
  return absl::UnavailableError(
      absl::StrCat(what, ": this thread cannot reach the Java VM"));
}

absl::Status Gone(const char* what) {
  return absl::UnavailableError(
      absl::StrCat(what, ": the object was collected with its Telegate"));
}

// Tasks handed to Java schedulers, by id, process-wide: a NativeTask may run
// after its scheduler (and client) are gone, and must then find nothing.
struct ScheduledTask {
  std::function<void()> fn;
  const JavaTaskScheduler* owner = nullptr;
  jlong token = 0;  // the Java scheduler's, once known
};

class TaskRegistry {
 public:
  static TaskRegistry& Get() {
    static TaskRegistry* registry = new TaskRegistry();  // never destroyed
    return *registry;
  }
  uint64_t Add(std::function<void()> fn, const JavaTaskScheduler* owner) {
    std::lock_guard<std::mutex> lock(mu_);
    uint64_t id = next_id_++;
    tasks_[id] = ScheduledTask{std::move(fn), owner, 0};
    return id;
  }
  void SetToken(uint64_t id, jlong token) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = tasks_.find(id);
    if (it != tasks_.end()) it->second.token = token;
  }
  // Removes task `id` of `owner` (any owner if null); its token, 0 if none.
  std::optional<ScheduledTask> Take(uint64_t id,
                                    const JavaTaskScheduler* owner) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = tasks_.find(id);
    if (it == tasks_.end() || (owner != nullptr && it->second.owner != owner)) {
      return std::nullopt;
    }
    ScheduledTask task = std::move(it->second);
    tasks_.erase(it);
    return task;
  }
  // Removes every task of `owner`; returns their Java tokens.
  std::vector<jlong> TakeAll(const JavaTaskScheduler* owner) {
    std::vector<jlong> tokens;
    std::vector<std::function<void()>> dropped;  // destroyed unlocked
    std::lock_guard<std::mutex> lock(mu_);
    for (auto it = tasks_.begin(); it != tasks_.end();) {
      if (it->second.owner == owner) {
        if (it->second.token != 0) tokens.push_back(it->second.token);
        dropped.push_back(std::move(it->second.fn));
        it = tasks_.erase(it);
      } else {
        ++it;
      }
    }
    return tokens;
  }

 private:
  std::mutex mu_;
  uint64_t next_id_ = 1;
  std::map<uint64_t, ScheduledTask> tasks_;
};

}  // namespace

// --- JavaPermissionSource ---

absl::StatusOr<std::unique_ptr<JavaPermissionSource>>
JavaPermissionSource::Create(JNIEnv* env, jobject source) {
  jint level = env->CallIntMethod(source, Java().permission_os_level);
  absl::Status failed = TakeJavaException(env, "PermissionSource.osLevel");
  if (!failed.ok()) return failed;
  return std::unique_ptr<JavaPermissionSource>(
      new JavaPermissionSource(WeakRef(env, source), level));
}

JavaPermissionSource::~JavaPermissionSource() { SetListener(nullptr); }

bool JavaPermissionSource::IsGranted(absl::string_view permission) {
  JNIEnv* env = ThreadEnv();
  if (env == nullptr) return false;
  LocalFrame frame(env, 4);
  if (!frame.ok()) {
    env->ExceptionClear();
    return false;
  }
  jobject source = source_.NewLocal(env);
  jstring name = source ? NewJavaString(env, permission) : nullptr;
  if (name == nullptr) {  // gone with its Telegate, or out of memory
    env->ExceptionClear();
    return false;
  }
  jboolean granted =
      env->CallBooleanMethod(source, Java().permission_is_granted, name);
  if (!TakeJavaException(env, "PermissionSource.isGranted").ok()) return false;
  return granted == JNI_TRUE;
}

void JavaPermissionSource::SetListener(Listener* listener) {
  std::lock_guard<std::mutex> lock(set_mu_);
  JNIEnv* env = ThreadEnv();
  if (env == nullptr) {
    listener_.store(nullptr);
    return;
  }
  LocalFrame frame(env, 4);
  if (!frame.ok()) env->ExceptionClear();
  jobject source = source_.NewLocal(env);
  if (java_listener_) {
    // Waits for a notification in progress: after it, never again.
    env->CallVoidMethod(java_listener_.get(),
                        Java().native_permission_listener_detach);
    env->ExceptionClear();
    if (source != nullptr) {
      env->CallVoidMethod(source, Java().permission_set_listener, nullptr);
      TakeJavaException(env, "PermissionSource.setListener").IgnoreError();
    }
    java_listener_ = GlobalRef();
  }
  listener_.store(listener);
  if (listener == nullptr || source == nullptr) return;
  jobject bound = env->NewObject(Java().native_permission_listener,
                                 Java().native_permission_listener_init,
                                 reinterpret_cast<jlong>(this));
  if (bound == nullptr) {
    env->ExceptionClear();
    return;  // no notifications; RefreshPermissions still works
  }
  java_listener_ = GlobalRef(env, bound);
  env->CallVoidMethod(source, Java().permission_set_listener, bound);
  TakeJavaException(env, "PermissionSource.setListener").IgnoreError();
}

void JavaPermissionSource::NotifyListener() {
  if (Listener* listener = listener_.load()) listener->OnPermissionsChanged();
}

// --- JavaKeyStore ---

absl::StatusOr<SecretBytes> JavaKeyStore::CallForKey(jmethodID method,
                                                     absl::string_view name,
                                                     const char* what) {
  JNIEnv* env = ThreadEnv();
  if (env == nullptr) return NoVm(what);
  LocalFrame frame(env, 4);
  if (!frame.ok()) return TakeJavaException(env, what);
  jobject store = store_.NewLocal(env);
  if (store == nullptr) return Gone(what);
  jstring jname = NewJavaString(env, name);
  if (jname == nullptr) return TakeJavaException(env, what);
  auto key =
      static_cast<jbyteArray>(env->CallObjectMethod(store, method, jname));
  absl::Status failed = TakeJavaException(env, what);
  if (!failed.ok()) return failed;
  if (key == nullptr) {
    return absl::NotFoundError(absl::StrCat("no key ", name));
  }
  const jsize length = env->GetArrayLength(key);
  if (env->ExceptionCheck()) return TakeJavaException(env, what);
  if (length != static_cast<jsize>(kKeySize)) {
    return absl::DataLossError(
        absl::StrCat("key ", name, " has ", length, " bytes, not ", kKeySize));
  }
  jbyte bytes[kKeySize];
  env->GetByteArrayRegion(key, 0, length, bytes);
  if (env->ExceptionCheck()) return TakeJavaException(env, what);
  SecretBytes out(bytes, kKeySize);
  // Neither this stack copy nor the array handed over keeps the key (the
  // store keeps its own, wrapped).
  volatile jbyte* wipe = bytes;
  for (size_t i = 0; i < kKeySize; ++i) wipe[i] = 0;
  const jbyte zeros[kKeySize] = {};
  env->SetByteArrayRegion(key, 0, length, zeros);
  env->ExceptionClear();  // cannot fail for this length; JNI wants the check
  return out;
}

absl::StatusOr<SecretBytes> JavaKeyStore::Get(absl::string_view name) {
  return CallForKey(Java().key_get, name, "KeyStore.get");
}

absl::StatusOr<SecretBytes> JavaKeyStore::Create(absl::string_view name) {
  absl::StatusOr<SecretBytes> key =
      CallForKey(Java().key_create, name, "KeyStore.create");
  if (absl::IsNotFound(key.status())) {
    return absl::UnavailableError(
        absl::StrCat("KeyStore.create returned no key for ", name));
  }
  return key;
}

absl::Status JavaKeyStore::Destroy(absl::string_view name) {
  JNIEnv* env = ThreadEnv();
  if (env == nullptr) return NoVm("KeyStore.destroy");
  LocalFrame frame(env, 4);
  if (!frame.ok()) return TakeJavaException(env, "KeyStore.destroy");
  jobject store = store_.NewLocal(env);
  if (store == nullptr) return Gone("KeyStore.destroy");
  jstring jname = NewJavaString(env, name);
  if (jname == nullptr) return TakeJavaException(env, "KeyStore.destroy");
  env->CallVoidMethod(store, Java().key_destroy, jname);
  return TakeJavaException(env, "KeyStore.destroy");
}

// --- JavaClock ---

absl::Time JavaClock::Now() {
  JNIEnv* env = ThreadEnv();
  if (env == nullptr) return absl::Now();
  // Called on Track's path, outside any frame: the one local is deleted.
  jobject clock = clock_.NewLocal(env);
  if (clock == nullptr) return absl::Now();
  jlong ms = env->CallLongMethod(clock, Java().clock_now);
  env->DeleteLocalRef(clock);
  if (!TakeJavaException(env, "Clock.nowMillis").ok()) return absl::Now();
  return absl::FromUnixMillis(ms);
}

// --- JavaTaskScheduler ---

JavaTaskScheduler::~JavaTaskScheduler() {
  for (jlong token : TaskRegistry::Get().TakeAll(this)) CancelInJava(token);
}

TaskScheduler::TaskId JavaTaskScheduler::Schedule(absl::Duration delay,
                                                  std::function<void()> task) {
  const uint64_t id = TaskRegistry::Get().Add(std::move(task), this);
  JNIEnv* env = ThreadEnv();
  if (env == nullptr) {
    TaskRegistry::Get().Take(id, this);
    return id;  // never runs; Cancel ignores it
  }
  LocalFrame frame(env, 4);
  jobject scheduler = frame.ok() ? scheduler_.NewLocal(env) : nullptr;
  jobject runnable =
      scheduler ? env->NewObject(Java().native_task, Java().native_task_init,
                                 static_cast<jlong>(id))
                : nullptr;
  jlong token = 0;
  if (runnable != nullptr) {
    token = env->CallLongMethod(
        scheduler, Java().scheduler_schedule,
        static_cast<jlong>(absl::ToInt64Milliseconds(delay)), runnable);
  }
  if (runnable == nullptr ||
      !TakeJavaException(env, "TaskScheduler.schedule").ok()) {
    env->ExceptionClear();
    TaskRegistry::Get().Take(id, this);  // it will never run
    return id;
  }
  TaskRegistry::Get().SetToken(id, token);
  return id;
}

void JavaTaskScheduler::Cancel(TaskId id) {
  std::optional<ScheduledTask> task = TaskRegistry::Get().Take(id, this);
  if (task && task->token != 0) CancelInJava(task->token);
}

void JavaTaskScheduler::CancelInJava(jlong token) {
  JNIEnv* env = ThreadEnv();
  if (env == nullptr) return;
  LocalFrame frame(env, 2);
  jobject scheduler = frame.ok() ? scheduler_.NewLocal(env) : nullptr;
  if (scheduler == nullptr) {
    env->ExceptionClear();
    return;
  }
  env->CallVoidMethod(scheduler, Java().scheduler_cancel, token);
  TakeJavaException(env, "TaskScheduler.cancel").IgnoreError();
}

void JavaTaskScheduler::Run(uint64_t id) {
  std::optional<ScheduledTask> task = TaskRegistry::Get().Take(id, nullptr);
  if (!task || !task->fn) return;
  try {
    task->fn();
  } catch (...) {
    // A timer only hands work to the writer; nothing may escape into Java.
  }
}

}  // namespace telegate::jni_internal
