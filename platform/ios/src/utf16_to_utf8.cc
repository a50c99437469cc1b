#include "utf16_to_utf8.h"

namespace telegate::ios_internal {
namespace {

bool IsHigh(uint16_t u) { return u >= 0xD800 && u <= 0xDBFF; }
bool IsLow(uint16_t u) { return u >= 0xDC00 && u <= 0xDFFF; }

char* Put(uint32_t cp, char* p) {
  if (cp < 0x80) {
    *p++ = static_cast<char>(cp);
  } else if (cp < 0x800) {
    *p++ = static_cast<char>(0xC0 | (cp >> 6));
    *p++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *p++ = static_cast<char>(0xE0 | (cp >> 12));
    *p++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *p++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *p++ = static_cast<char>(0xF0 | (cp >> 18));
    *p++ = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *p++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *p++ = static_cast<char>(0x80 | (cp & 0x3F));
  }
  return p;
}

}  // namespace

bool Utf16ToUtf8::Append(const uint16_t* units, size_t count, char* out,
                         size_t* written) {
  char* p = out;
  for (size_t i = 0; i < count; ++i) {
    const uint16_t u = units[i];
    if (pending_ != 0) {
      if (!IsLow(u)) {
        bad_index_ = consumed_ + i - 1;  // the high surrogate has no partner
        *written = static_cast<size_t>(p - out);
        return false;
      }
      const uint32_t cp = 0x10000 +
                          ((static_cast<uint32_t>(pending_) - 0xD800) << 10) +
                          (u - 0xDC00);
      pending_ = 0;
      p = Put(cp, p);
    } else if (IsHigh(u)) {
      pending_ = u;
    } else if (IsLow(u)) {
      bad_index_ = consumed_ + i;
      *written = static_cast<size_t>(p - out);
      return false;
    } else {
      p = Put(u, p);
    }
  }
  consumed_ += count;
  *written = static_cast<size_t>(p - out);
  return true;
}

bool Utf16ToUtf8::Finish() {
  if (pending_ == 0) return true;
  bad_index_ = consumed_ - 1;
  return false;
}

}  // namespace telegate::ios_internal
