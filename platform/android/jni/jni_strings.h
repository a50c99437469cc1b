// Java strings in and out of the bridge, through utf16.h (never JNI's
// modified UTF-8), and byte arrays.
//
//   std::string name;
//   absl::Status s = ReadString(env, jname, &name);  // kInvalidArgument
//   jstring text = NewJavaString(env, "déjà vu");
//
// Threading: thread-safe; each call uses the caller's JNIEnv.
#ifndef TELEGATE_PLATFORM_ANDROID_JNI_JNI_STRINGS_H_
#define TELEGATE_PLATFORM_ANDROID_JNI_JNI_STRINGS_H_

#include <jni.h>

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace telegate::jni_internal {

// Replaces `out` with the UTF-8 form of `s`. kInvalidArgument for a null
// string or one with an unpaired surrogate. Strings up to 256 UTF-16 units
// are read through a stack buffer (no heap allocation beyond `out`'s).
absl::Status ReadString(JNIEnv* env, jstring s, std::string* out);

// A new local Java string holding `utf8` (each invalid byte as U+FFFD);
// nullptr with OutOfMemoryError pending if the VM has no memory.
jstring NewJavaString(JNIEnv* env, absl::string_view utf8);

// The bytes of `array` (null reads as empty).
std::string ReadBytes(JNIEnv* env, jbyteArray array);

// A new local byte[] holding `bytes`; nullptr with OutOfMemoryError pending
// if the VM has no memory.
jbyteArray NewByteArray(JNIEnv* env, absl::string_view bytes);

}  // namespace telegate::jni_internal

#endif  // TELEGATE_PLATFORM_ANDROID_JNI_JNI_STRINGS_H_
