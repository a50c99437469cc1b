#include "jni_strings.h"

#include <string>

#include "utf16.h"

namespace telegate::jni_internal {

namespace {
constexpr jsize kStackUnits = 256;

absl::Status Unreadable(JNIEnv* env) {
  env->ExceptionClear();
  return absl::InvalidArgumentError("the string could not be read");
}
}  // namespace

absl::Status ReadString(JNIEnv* env, jstring s, std::string* out) {
  if (s == nullptr) return absl::InvalidArgumentError("null string");
  const jsize length = env->GetStringLength(s);
  if (length <= kStackUnits) {
    char16_t units[kStackUnits];
    env->GetStringRegion(s, 0, length, reinterpret_cast<jchar*>(units));
    if (env->ExceptionCheck()) return Unreadable(env);
    return Utf16ToUtf8(units, static_cast<size_t>(length), out);
  }
  std::u16string units(static_cast<size_t>(length), u'\0');
  env->GetStringRegion(s, 0, length, reinterpret_cast<jchar*>(units.data()));
  if (env->ExceptionCheck()) return Unreadable(env);
  return Utf16ToUtf8(units.data(), units.size(), out);
}

jstring NewJavaString(JNIEnv* env, absl::string_view utf8) {
  std::u16string units = Utf8ToUtf16(utf8);
  return env->NewString(reinterpret_cast<const jchar*>(units.data()),
                        static_cast<jsize>(units.size()));
}

std::string ReadBytes(JNIEnv* env, jbyteArray array) {
  if (array == nullptr) return std::string();
  const jsize length = env->GetArrayLength(array);
  std::string out(static_cast<size_t>(length), '\0');
  env->GetByteArrayRegion(array, 0, length,
                          reinterpret_cast<jbyte*>(out.data()));
  if (env->ExceptionCheck()) {
    env->ExceptionClear();
    return std::string();
  }
  return out;
}

jbyteArray NewByteArray(JNIEnv* env, absl::string_view bytes) {
  jbyteArray array = env->NewByteArray(static_cast<jsize>(bytes.size()));
  if (array == nullptr) return nullptr;
  env->SetByteArrayRegion(array, 0, static_cast<jsize>(bytes.size()),
                          reinterpret_cast<const jbyte*>(bytes.data()));
  if (env->ExceptionCheck()) {
    env->DeleteLocalRef(array);
    return nullptr;  // the exception stays pending for the caller
  }
  return array;
}

}  // namespace telegate::jni_internal
