#include "attribute_reader.h"

#include "absl/strings/str_cat.h"
#include "java_classes.h"
#include "jni_strings.h"

namespace telegate::jni_internal {

namespace {

// Deletes a local reference at the end of a loop iteration.
class LocalRef {
 public:
  LocalRef(JNIEnv* env, jobject ref) : env_(env), ref_(ref) {}
  ~LocalRef() {
    if (ref_ != nullptr) env_->DeleteLocalRef(ref_);
  }
  LocalRef(const LocalRef&) = delete;
  LocalRef& operator=(const LocalRef&) = delete;
  jobject get() const { return ref_; }

 private:
  JNIEnv* const env_;
  const jobject ref_;
};

// A Java exception the reading raised (it cannot, for these calls on these
// types, but JNI requires the check before the next call).
absl::Status Raised(JNIEnv* env) {
  if (!env->ExceptionCheck()) return absl::OkStatus();
  env->ExceptionClear();
  return absl::InvalidArgumentError("the attributes could not be read");
}

absl::Status ReadText(JNIEnv* env, jobject s, size_t max_units,
                      absl::string_view what, std::string* out) {
  auto text = static_cast<jstring>(s);
  if (static_cast<size_t>(env->GetStringLength(text)) > max_units) {
    return absl::OutOfRangeError(
        absl::StrCat(what, " is longer than any event may be"));
  }
  absl::Status read = ReadString(env, text, out);
  if (!read.ok()) return absl::InvalidArgumentError(absl::StrCat(what, ": ", read.message()));
  return absl::OkStatus();
}

}  // namespace

absl::Status ReadAttributes(JNIEnv* env, jobjectArray keys_and_values,
                            size_t max_text_units, AttributeList* out) {
  const JavaClasses& java = Java();
  const jsize length = env->GetArrayLength(keys_and_values);
  absl::Status raised = Raised(env);
  if (!raised.ok()) return raised;
  if (length % 2 != 0) {
    return absl::InvalidArgumentError("keys and values do not pair up");
  }
  out->text_.clear();
  out->attributes_.clear();
  out->text_.reserve(static_cast<size_t>(length));
  out->attributes_.reserve(static_cast<size_t>(length / 2));
  for (jsize i = 0; i < length; i += 2) {
    LocalRef key(env, env->GetObjectArrayElement(keys_and_values, i));
    LocalRef value(env, env->GetObjectArrayElement(keys_and_values, i + 1));
    if (!(raised = Raised(env)).ok()) return raised;
    if (key.get() == nullptr) {
      return absl::InvalidArgumentError("null attribute key");
    }
    if (!env->IsInstanceOf(key.get(), java.string)) {
      return absl::InvalidArgumentError("an attribute key is not a String");
    }
    out->text_.emplace_back();
    std::string& key_text = out->text_.back();
    absl::Status read = ReadText(env, key.get(), max_text_units, "attribute key", &key_text);
    if (!read.ok()) return read;
    const absl::string_view name = key_text;
    if (value.get() == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("attribute \"", name, "\" is null"));
    }
    jobject v = value.get();
    if (env->IsInstanceOf(v, java.string)) {
      out->text_.emplace_back();
      read = ReadText(env, v, max_text_units, absl::StrCat("attribute \"", name, "\""),
                      &out->text_.back());
      if (!read.ok()) return read;
      out->attributes_.emplace_back(name, absl::string_view(out->text_.back()));
    } else if (env->IsInstanceOf(v, java.integer)) {
      jint n = env->CallIntMethod(v, java.integer_value);
      if (!(raised = Raised(env)).ok()) return raised;
      out->attributes_.emplace_back(name, static_cast<int64_t>(n));
    } else if (env->IsInstanceOf(v, java.long_class)) {
      jlong n = env->CallLongMethod(v, java.long_value);
      if (!(raised = Raised(env)).ok()) return raised;
      out->attributes_.emplace_back(name, static_cast<int64_t>(n));
    } else if (env->IsInstanceOf(v, java.double_class)) {
      jdouble d = env->CallDoubleMethod(v, java.double_value);
      if (!(raised = Raised(env)).ok()) return raised;
      out->attributes_.emplace_back(name, static_cast<double>(d));
    } else if (env->IsInstanceOf(v, java.boolean)) {
      jboolean b = env->CallBooleanMethod(v, java.boolean_value);
      if (!(raised = Raised(env)).ok()) return raised;
      out->attributes_.emplace_back(name, b == JNI_TRUE);
    } else {
      return absl::InvalidArgumentError(absl::StrCat(
          "attribute \"", name,
          "\" is not a String, Integer, Long, Double or Boolean"));
    }
  }
  return absl::OkStatus();
}

}  // namespace telegate::jni_internal
