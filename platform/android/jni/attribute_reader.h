// Attributes of one Category.track call, read from the Object[] of
// alternating keys and values the Java side flattened its Map into.
// Only String, Integer, Long, Double and Boolean values are accepted.
//
//   AttributeList attributes;
//   absl::Status s = ReadAttributes(env, keys_and_values, max_bytes, &attributes);
//   if (absl::IsInvalidArgument(s)) ...  // IllegalArgumentException
//   client.Track(category, event, attributes.span());
//
// Threading: thread-compatible; uses the caller's JNIEnv.
#ifndef TELEGATE_PLATFORM_ANDROID_JNI_ATTRIBUTE_READER_H_
#define TELEGATE_PLATFORM_ANDROID_JNI_ATTRIBUTE_READER_H_

#include <jni.h>

#include <cstddef>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/types/span.h"
#include "telegate/attribute.h"

namespace telegate::jni_internal {

// Owns the text the Attribute views point into.
class AttributeList {
 public:
  absl::Span<const Attribute> span() const { return attributes_; }

 private:
  friend absl::Status ReadAttributes(JNIEnv*, jobjectArray, size_t,
                                     AttributeList*);
  std::vector<std::string> text_;  // reserved up front: never reallocates
  std::vector<Attribute> attributes_;
};

// Fills `out` from `keys_and_values`. kInvalidArgument (the message says
// which key) for an odd length, a null or non-String key, a null value, a
// value of another type, or text with an unpaired surrogate: the caller
// throws IllegalArgumentException. kOutOfRange for a string longer than
// `max_text_units` UTF-16 units (the event could never fit), which the
// caller reports like the core's own size error. Each element's local
// reference is released as it is read.
absl::Status ReadAttributes(JNIEnv* env, jobjectArray keys_and_values,
                            size_t max_text_units, AttributeList* out);

}  // namespace telegate::jni_internal

#endif  // TELEGATE_PLATFORM_ANDROID_JNI_ATTRIBUTE_READER_H_
