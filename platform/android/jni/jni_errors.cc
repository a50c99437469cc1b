#include "jni_errors.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "java_classes.h"
#include "jni_env.h"
#include "jni_strings.h"

namespace telegate::jni_internal {

namespace {

void ThrowNew(JNIEnv* env, jclass type, absl::string_view message) {
  LocalFrame frame(env, 4);
  if (!frame.ok()) return;  // OutOfMemoryError is pending: good enough
  jstring text = NewJavaString(env, message);
  if (text == nullptr) return;
  jmethodID init = env->GetMethodID(type, "<init>", "(Ljava/lang/String;)V");
  if (init == nullptr) return;
  auto thrown = static_cast<jthrowable>(env->NewObject(type, init, text));
  if (thrown != nullptr) env->Throw(thrown);
}

}  // namespace

void ThrowIllegalArgument(JNIEnv* env, absl::string_view message) {
  ThrowNew(env, Java().illegal_argument, message);
}

void ThrowIllegalState(JNIEnv* env, absl::string_view message) {
  ThrowNew(env, Java().illegal_state, message);
}

void ThrowStatus(JNIEnv* env, const absl::Status& status) {
  LocalFrame frame(env, 4);
  if (!frame.ok()) return;
  jstring text = NewJavaString(env, status.message());
  if (text == nullptr) return;
  auto thrown = static_cast<jthrowable>(
      env->NewObject(Java().telegate_exception, Java().telegate_exception_init,
                     static_cast<jint>(status.code()), text));
  if (thrown != nullptr) env->Throw(thrown);
}

absl::Status TakeJavaException(JNIEnv* env, absl::string_view what) {
  if (!env->ExceptionCheck()) return absl::OkStatus();
  jthrowable thrown = env->ExceptionOccurred();
  env->ExceptionClear();
  if (thrown == nullptr)
    return absl::UnavailableError(absl::StrCat(what, " failed"));
  jint code = static_cast<jint>(absl::StatusCode::kUnavailable);
  std::string message = "a Java exception";
  {
    LocalFrame frame(env, 4);
    if (frame.ok()) {
      code =
          env->CallStaticIntMethod(Java().seams, Java().failure_code, thrown);
      if (env->ExceptionCheck()) {  // even describing it failed
        env->ExceptionClear();
        code = static_cast<jint>(absl::StatusCode::kUnavailable);
      }
      auto text = static_cast<jstring>(env->CallStaticObjectMethod(
          Java().seams, Java().failure_message, thrown));
      std::string read;
      if (env->ExceptionCheck()) {
        env->ExceptionClear();
      } else if (text != nullptr && ReadString(env, text, &read).ok()) {
        message = std::move(read);
      }
    } else {
      env->ExceptionClear();  // no room for a frame: OutOfMemoryError
    }
  }
  env->DeleteLocalRef(thrown);
  if (code <= 0 ||
      code > static_cast<jint>(absl::StatusCode::kUnauthenticated)) {
    code = static_cast<jint>(absl::StatusCode::kUnavailable);
  }
  return absl::Status(static_cast<absl::StatusCode>(code),
                      absl::StrCat(what, " threw ", message));
}

}  // namespace telegate::jni_internal
