#include "utf16.h"

#include "absl/strings/str_cat.h"

namespace telegate::jni_internal {

namespace {

constexpr char16_t kReplacement = 0xFFFD;

bool IsHighSurrogate(char16_t u) { return u >= 0xD800 && u <= 0xDBFF; }
bool IsLowSurrogate(char16_t u) { return u >= 0xDC00 && u <= 0xDFFF; }

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

void AppendUtf16(char32_t cp, std::u16string* out) {
  if (cp < 0x10000) {
    out->push_back(static_cast<char16_t>(cp));
  } else {
    cp -= 0x10000;
    out->push_back(static_cast<char16_t>(0xD800 + (cp >> 10)));
    out->push_back(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
  }
}

}  // namespace

absl::Status Utf16ToUtf8(const char16_t* units, size_t count,
                         std::string* out) {
  out->clear();
  out->reserve(count);
  for (size_t i = 0; i < count; ++i) {
    const char16_t u = units[i];
    if (u < 0x80) {  // ASCII: the common case
      out->push_back(static_cast<char>(u));
      continue;
    }
    char32_t cp = u;
    if (IsHighSurrogate(u)) {
      if (i + 1 >= count || !IsLowSurrogate(units[i + 1])) {
        return absl::InvalidArgumentError(
            absl::StrCat("string has an unpaired high surrogate at index ", i,
                         ": it is not valid Unicode text"));
      }
      cp = 0x10000 + ((static_cast<char32_t>(u) - 0xD800) << 10) +
           (static_cast<char32_t>(units[i + 1]) - 0xDC00);
      ++i;
    } else if (IsLowSurrogate(u)) {
      return absl::InvalidArgumentError(
          absl::StrCat("string has an unpaired low surrogate at index ", i,
                       ": it is not valid Unicode text"));
    }
    AppendUtf8(cp, out);
  }
  return absl::OkStatus();
}

std::u16string Utf8ToUtf16(absl::string_view utf8) {
  std::u16string out;
  out.reserve(utf8.size());
  const auto* p = reinterpret_cast<const unsigned char*>(utf8.data());
  const size_t n = utf8.size();
  size_t i = 0;
  while (i < n) {
    const unsigned char b = p[i];
    if (b < 0x80) {
      out.push_back(b);
      ++i;
      continue;
    }
    size_t len;
    char32_t cp;
    char32_t min;
    if ((b & 0xE0) == 0xC0) {
      len = 2;
      cp = b & 0x1F;
      min = 0x80;
    } else if ((b & 0xF0) == 0xE0) {
      len = 3;
      cp = b & 0x0F;
      min = 0x800;
    } else if ((b & 0xF8) == 0xF0) {
      len = 4;
      cp = b & 0x07;
      min = 0x10000;
    } else {  // a continuation byte, or 0xF8..0xFF
      out.push_back(kReplacement);
      ++i;
      continue;
    }
    bool ok = i + len <= n;
    for (size_t k = 1; ok && k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) {
        ok = false;
      } else {
        cp = (cp << 6) | (p[i + k] & 0x3F);
      }
    }
    if (!ok || cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      out.push_back(kReplacement);
      ++i;  // resynchronise at the next byte
      continue;
    }
    AppendUtf16(cp, &out);
    i += len;
  }
  return out;
}

}  // namespace telegate::jni_internal
