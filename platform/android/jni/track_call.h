// One Category.track call as io.telegate.TrackBuffer lays it out — the
// event name and every key and string value as UTF-16 text in one array,
// their lengths and types in a second, the numbers in a third — decoded
// into what Client::Track takes. One JNI call carries it all, instead of
// one per key and value.
//
//   TrackCall call;
//   absl::Status s = DecodeTrackCall(text, text_length, layout, layout_length,
//                                    numbers, numbers_length, &call);
//   client->Track(category, call.event(), call.attributes());
//
// Threading: pure, thread-compatible. No JNI in here (fuzzed:
// tests/fuzz/jni_bridge_fuzzer.cc).
#ifndef TELEGATE_PLATFORM_ANDROID_JNI_TRACK_CALL_H_
#define TELEGATE_PLATFORM_ANDROID_JNI_TRACK_CALL_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/container/inlined_vector.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "telegate/attribute.h"

namespace telegate::jni_internal {

// io.telegate.TrackBuffer's type codes.
enum TrackValueType : int32_t {
  kTrackString = 0,
  kTrackInt = 1,
  kTrackDouble = 2,
  kTrackBool = 3,
};

// The decoded call; owns the text the attributes point into.
class TrackCall {
 public:
  absl::string_view event() const { return event_; }
  absl::Span<const Attribute> attributes() const { return attributes_; }

 private:
  friend absl::Status DecodeTrackCall(const char16_t*, size_t, const int32_t*,
                                      size_t, const int64_t*, size_t,
                                      TrackCall*);
  std::string event_;
  // Reserved up front (never reallocates: the views stay valid); inline for
  // the usual handful of attributes, so a call allocates nothing for them.
  absl::InlinedVector<std::string, 8> text_;
  absl::InlinedVector<Attribute, 4> attributes_;
};

// Fills `out`. kInvalidArgument, naming the event or the attribute, for text
// with an unpaired surrogate (the caller throws IllegalArgumentException);
// kInternal for a layout that does not fit the arrays (the Java side never
// makes one: a mismatched jar and library).
absl::Status DecodeTrackCall(const char16_t* text, size_t text_length,
                             const int32_t* layout, size_t layout_length,
                             const int64_t* numbers, size_t numbers_length,
                             TrackCall* out);

}  // namespace telegate::jni_internal

#endif  // TELEGATE_PLATFORM_ANDROID_JNI_TRACK_CALL_H_
