// Strings across the bridge: NSString -> UTF-8 (validated, without
// -UTF8String) and UTF-8 -> NSString.
//
//   TextArena arena;
//   absl::string_view category;
//   StringProblem p = Utf8Into(objc_category, kMaxNameUnits, &arena,
//                              &category, &bad_index);
//   if (p != StringProblem::kNone) return DescribeStringProblem(...);
//
// Thread-compatible. Every function that takes an Objective-C object must be
// called inside an @try (see seam_guard.h): the object is the app's and may
// be any class, or a proxy that throws.
#ifndef TELEGATE_PLATFORM_IOS_SRC_STRING_CONVERT_H_
#define TELEGATE_PLATFORM_IOS_SRC_STRING_CONVERT_H_

#import <Foundation/Foundation.h>

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace telegate::ios_internal {

// Longest name (category, event, attribute key, policy version, region)
// accepted, in UTF-16 code units; longer ones cannot be in any catalog.
inline constexpr size_t kMaxNameUnits = 256;
// Longest other argument (URL, header value) accepted.
inline constexpr size_t kMaxArgumentUnits = 1u << 16;

// Storage for the UTF-8 text of one call. The first kInlineBytes live inside
// the object (on the caller's stack), so converting the short strings of a
// typical track call allocates nothing; larger text goes to the heap.
// Thread-compatible; pointers it hands out stay valid until it is destroyed.
class TextArena {
 public:
  static constexpr size_t kInlineBytes = 2048;
  TextArena() = default;
  TextArena(const TextArena&) = delete;
  TextArena& operator=(const TextArena&) = delete;

  // Room for `n` bytes.
  char* Allocate(size_t n);
  // Gives back the unused tail of the most recent allocation `p` of which
  // only `used` bytes were filled.
  void Trim(char* p, size_t used);

 private:
  char inline_[kInlineBytes];
  size_t inline_used_ = 0;
  std::vector<std::unique_ptr<char[]>> overflow_;
};

enum class StringProblem {
  kNone,
  kNil,           // nil (or NSNull where a string is required)
  kNotString,     // another class
  kTooLong,       // longer than the limit
  kBadSurrogate,  // an unpaired UTF-16 surrogate
};

// Converts `object`, which must be an NSString of at most `max_units` UTF-16
// code units, to UTF-8 in `arena`. Sets *out on success and *bad_index for
// kBadSurrogate.
StringProblem Utf8Into(id object, size_t max_units, TextArena* arena, absl::string_view* out,
                       size_t* bad_index);

// The same into a std::string.
StringProblem Utf8String(id object, size_t max_units, std::string* out, size_t* bad_index);

// kInvalidArgument describing `problem` with `object` as `what` (e.g.
// "category", "attribute \"query\""). Never quotes the string's contents.
absl::Status DescribeStringProblem(StringProblem problem, absl::string_view what, id object,
                                   size_t max_units, size_t bad_index);

// Utf8String, as a status: kInvalidArgument naming `what`.
absl::Status ToUtf8(id object, absl::string_view what, size_t max_units, std::string* out);

// ToUtf8 for an argument of a public method: also kInvalidArgument when
// reading `object` raises an Objective-C exception (a hostile proxy).
absl::Status ArgToUtf8(id object, absl::string_view what, size_t max_units, std::string* out);

// An autoreleased NSString with the UTF-8 `text` (bytes that are not valid
// UTF-8 are read as ISO Latin-1 rather than lost).
NSString* ToNSString(absl::string_view text);

// An autoreleased array of NSStrings.
NSArray<NSString*>* ToNSStrings(const std::vector<std::string>& texts);

// The class name of `object` for messages ("nil" for nil).
std::string ClassName(id object);

}  // namespace telegate::ios_internal

#endif  // TELEGATE_PLATFORM_IOS_SRC_STRING_CONVERT_H_
