// Errors across the boundary, both ways: a status becomes a Java exception
// for the app; a Java exception thrown by a seam becomes a status for the
// core. Nothing ever propagates further or aborts the VM.
//
//   if (!status.ok()) { ThrowStatus(env, status); return nullptr; }
//   env->CallVoidMethod(seam, method);
//   absl::Status s = TakeJavaException(env, "KeyStore.destroy");
//
// Threading: thread-safe; each call uses the caller's JNIEnv.
#ifndef TELEGATE_PLATFORM_ANDROID_JNI_JNI_ERRORS_H_
#define TELEGATE_PLATFORM_ANDROID_JNI_JNI_ERRORS_H_

#include <jni.h>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace telegate::jni_internal {

// Leaves a pending java.lang.IllegalArgumentException(message).
void ThrowIllegalArgument(JNIEnv* env, absl::string_view message);
// Leaves a pending java.lang.IllegalStateException(message).
void ThrowIllegalState(JNIEnv* env, absl::string_view message);
// Leaves a pending io.telegate.TelegateException(status.code(), message).
// Requires !status.ok().
void ThrowStatus(JNIEnv* env, const absl::Status& status);

// OK if no Java exception is pending. Otherwise clears it and returns it as
// a status: a TelegateException's own code, any other Throwable
// kUnavailable; the message names `what` and the exception.
absl::Status TakeJavaException(JNIEnv* env, absl::string_view what);

}  // namespace telegate::jni_internal

#endif  // TELEGATE_PLATFORM_ANDROID_JNI_JNI_ERRORS_H_
