// UTF-16 <-> UTF-8 for the JNI bridge.
//
// Java strings are UTF-16. JNI's GetStringUTFChars returns "modified UTF-8"
// (U+0000 as two bytes, supplementary characters as two 3-byte surrogate
// encodings), which is not UTF-8 and which the core would reject or store
// wrongly; NewStringUTF expects it too. So the bridge never uses either: it
// copies the UTF-16 code units (GetStringRegion / NewString) and converts
// here.
//
//   std::string utf8;
//   absl::Status s = Utf16ToUtf8(units, count, &utf8);  // strict
//   std::u16string text = Utf8ToUtf16(message);         // lenient
//
// Threading: pure functions, thread-safe. No JNI in here (fuzzed without
// a JVM: tests/fuzz/jni_strings_fuzzer.cc).
#ifndef TELEGATE_PLATFORM_ANDROID_JNI_UTF16_H_
#define TELEGATE_PLATFORM_ANDROID_JNI_UTF16_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace telegate::jni_internal {

// Replaces `out` with the UTF-8 encoding of `count` UTF-16 code units.
// kInvalidArgument, naming the index, for an unpaired surrogate (a high
// surrogate not followed by a low one, or a lone low one): such a string
// has no UTF-8 form, and guessing would store something the app never
// said. `out` is unspecified on error.
absl::Status Utf16ToUtf8(const char16_t* units, size_t count, std::string* out);

// The UTF-16 form of `utf8`. Lenient, for text the library produced
// (messages, names): each byte that does not start a well-formed UTF-8
// sequence (truncated, overlong, an encoded surrogate, above U+10FFFF)
// becomes U+FFFD.
std::u16string Utf8ToUtf16(absl::string_view utf8);

// Upper bound of the UTF-8 size of `count` UTF-16 code units.
inline size_t MaxUtf8Size(size_t count) { return count * 3; }

}  // namespace telegate::jni_internal

#endif  // TELEGATE_PLATFORM_ANDROID_JNI_UTF16_H_
