// Utf16ToUtf8: streaming UTF-16 -> UTF-8 conversion that refuses unpaired
// surrogates.
//
// An NSString (like a Java string) is a sequence of UTF-16 code units and can
// hold a lone surrogate, which no UTF-8 string can encode. The bridge does
// its own conversion instead of -UTF8String, whose answer for such strings
// differs between Foundation implementations (nil, a replacement character,
// or a CESU-style encoding), and which stops at the first NUL when read as a
// C string. Embedded U+0000 is valid Unicode and is kept.
//
//   Utf16ToUtf8 conv;
//   char out[3 * n];
//   size_t written;
//   if (!conv.Append(units, n, out, &written) || !conv.Finish()) {
//     Reject(conv.bad_index());
//   }
//
// Thread-compatible.
#ifndef TELEGATE_PLATFORM_IOS_SRC_UTF16_TO_UTF8_H_
#define TELEGATE_PLATFORM_IOS_SRC_UTF16_TO_UTF8_H_

#include <cstddef>
#include <cstdint>

namespace telegate::ios_internal {

class Utf16ToUtf8 {
 public:
  // Append writes at most this many bytes per code unit it is given (a
  // surrogate pair, two units, becomes four bytes).
  static constexpr size_t kMaxBytesPerUnit = 3;

  // Converts `count` more code units into `out`, which must have room for
  // kMaxBytesPerUnit * count bytes (plus 1 when a high surrogate is pending
  // from the previous call), and sets *written. A high surrogate at the end
  // is held until the next call. Returns false at the first unpaired
  // surrogate (bad_index() is its position in the whole input); then the
  // object must not be fed again.
  bool Append(const uint16_t* units, size_t count, char* out, size_t* written);
  // True if the input ended cleanly; false if it ended with a high surrogate.
  bool Finish();

  // Position of the offending code unit after a false return.
  size_t bad_index() const { return bad_index_; }

 private:
  size_t consumed_ = 0;   // code units seen so far
  uint16_t pending_ = 0;  // a high surrogate waiting for its low half
  size_t bad_index_ = 0;
};

}  // namespace telegate::ios_internal

#endif  // TELEGATE_PLATFORM_IOS_SRC_UTF16_TO_UTF8_H_
