#include "json_check.h"

#include <cstdint>

#include "event/event_codec.h"

namespace telegate::fuzz {
namespace {

constexpr int kMaxDepth = 64;

class Checker {
 public:
  explicit Checker(absl::string_view s) : s_(s) {}

  bool Document() {
    Blanks();
    if (!Value(0)) return false;
    Blanks();
    return i_ == s_.size();
  }

 private:
  bool Value(int depth) {
    if (depth > kMaxDepth || i_ >= s_.size()) return false;
    switch (s_[i_]) {
      case '{': return Object(depth);
      case '[': return Array(depth);
      case '"': return String();
      case 't': return Literal("true");
      case 'f': return Literal("false");
      case 'n': return Literal("null");
      default: return Number();
    }
  }
  bool Object(int depth) {
    ++i_;  // {
    Blanks();
    if (Eat('}')) return true;
    for (;;) {
      Blanks();
      if (i_ >= s_.size() || s_[i_] != '"' || !String()) return false;
      Blanks();
      if (!Eat(':')) return false;
      Blanks();
      if (!Value(depth + 1)) return false;
      Blanks();
      if (Eat('}')) return true;
      if (!Eat(',')) return false;
    }
  }
  bool Array(int depth) {
    ++i_;  // [
    Blanks();
    if (Eat(']')) return true;
    for (;;) {
      Blanks();
      if (!Value(depth + 1)) return false;
      Blanks();
      if (Eat(']')) return true;
      if (!Eat(',')) return false;
    }
  }
  bool String() {
    ++i_;  // "
    size_t start = i_;
    while (i_ < s_.size()) {
      unsigned char c = static_cast<unsigned char>(s_[i_]);
      if (c == '"') {
        bool utf8 = event_internal::IsValidUtf8(s_.substr(start, i_ - start));
        ++i_;
        return utf8;
      }
      if (c < 0x20) return false;
      if (c == '\\') {
        if (++i_ >= s_.size()) return false;
        char e = s_[i_];
        if (e == 'u') {
          for (int k = 0; k < 4; ++k) {
            if (++i_ >= s_.size() || !IsHex(s_[i_])) return false;
          }
        } else if (absl::string_view("\"\\/bfnrt").find(e) ==
                   absl::string_view::npos) {
          return false;
        }
      }
      ++i_;
    }
    return false;
  }
  bool Number() {
    size_t start = i_;
    Eat('-');
    if (Eat('0')) {
    } else if (!Digits()) {
      return false;
    }
    if (Eat('.') && !Digits()) return false;
    if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
      ++i_;
      if (!Eat('+')) Eat('-');
      if (!Digits()) return false;
    }
    return i_ > start;
  }
  bool Digits() {
    size_t start = i_;
    while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
    return i_ > start;
  }
  bool Literal(absl::string_view word) {
    if (s_.substr(i_, word.size()) != word) return false;
    i_ += word.size();
    return true;
  }
  bool Eat(char c) {
    if (i_ < s_.size() && s_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  void Blanks() {
    while (i_ < s_.size() &&
           (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) {
      ++i_;
    }
  }
  static bool IsHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
           (c >= 'A' && c <= 'F');
  }

  absl::string_view s_;
  size_t i_ = 0;
};

}  // namespace

bool IsValidJson(absl::string_view text) { return Checker(text).Document(); }

}  // namespace telegate::fuzz
