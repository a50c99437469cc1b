#include "string_convert.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "objc_memory.h"
#include "seam_guard.h"
#include "utf16_to_utf8.h"

namespace telegate::ios_internal {
namespace {

// Code units read from the NSString per -getCharacters:range: call.
constexpr size_t kChunkUnits = 256;

}  // namespace

char* TextArena::Allocate(size_t n) {
  if (n <= kInlineBytes - inline_used_) {
    char* p = inline_ + inline_used_;
    inline_used_ += n;
    return p;
  }
  overflow_.push_back(std::make_unique<char[]>(n == 0 ? 1 : n));
  return overflow_.back().get();
}

void TextArena::Trim(char* p, size_t used) {
  if (p >= inline_ && p < inline_ + kInlineBytes) {
    inline_used_ = static_cast<size_t>(p - inline_) + used;
  }
}

StringProblem Utf8Into(id object, size_t max_units, TextArena* arena, absl::string_view* out,
                       size_t* bad_index) {
  if (object == nil || object == [NSNull null]) return StringProblem::kNil;
  if (![object isKindOfClass:[NSString class]]) {
    return StringProblem::kNotString;
  }
  NSString* string = static_cast<NSString*>(object);
  const size_t length = [string length];
  if (length > max_units) return StringProblem::kTooLong;
  char* begin = arena->Allocate(length * Utf16ToUtf8::kMaxBytesPerUnit + 1);
  char* p = begin;
  Utf16ToUtf8 conv;
  unichar chunk[kChunkUnits];
  for (size_t offset = 0; offset < length;) {
    const size_t n = std::min(kChunkUnits, length - offset);
    [string getCharacters:chunk range:NSMakeRange(offset, n)];
    size_t written = 0;
    if (!conv.Append(reinterpret_cast<const uint16_t*>(chunk), n, p, &written)) {
      *bad_index = conv.bad_index();
      arena->Trim(begin, 0);
      return StringProblem::kBadSurrogate;
    }
    p += written;
    offset += n;
  }
  if (!conv.Finish()) {
    *bad_index = conv.bad_index();
    arena->Trim(begin, 0);
    return StringProblem::kBadSurrogate;
  }
  const size_t used = static_cast<size_t>(p - begin);
  arena->Trim(begin, used);
  *out = absl::string_view(begin, used);
  return StringProblem::kNone;
}

StringProblem Utf8String(id object, size_t max_units, std::string* out, size_t* bad_index) {
  TextArena arena;
  absl::string_view view;
  StringProblem problem = Utf8Into(object, max_units, &arena, &view, bad_index);
  if (problem == StringProblem::kNone) out->assign(view.data(), view.size());
  return problem;
}

absl::Status DescribeStringProblem(StringProblem problem, absl::string_view what, id object,
                                   size_t max_units, size_t bad_index) {
  switch (problem) {
    case StringProblem::kNone:
      return absl::OkStatus();
    case StringProblem::kNil:
      return absl::InvalidArgumentError(
          absl::StrCat(what, " is ", object == nil ? "nil" : "NSNull"));
    case StringProblem::kNotString:
      return absl::InvalidArgumentError(
          absl::StrCat(what, " must be an NSString, not ", ClassName(object)));
    case StringProblem::kTooLong:
      return absl::InvalidArgumentError(
          absl::StrCat(what, " is longer than ", max_units, " UTF-16 code units"));
    case StringProblem::kBadSurrogate:
      return absl::InvalidArgumentError(absl::StrCat(
          what, " is not valid Unicode: unpaired UTF-16 surrogate at index ", bad_index));
  }
  return absl::InternalError("unknown string problem");
}

absl::Status ToUtf8(id object, absl::string_view what, size_t max_units, std::string* out) {
  size_t bad_index = 0;
  StringProblem problem = Utf8String(object, max_units, out, &bad_index);
  return DescribeStringProblem(problem, what, object, max_units, bad_index);
}

absl::Status ArgToUtf8(id object, absl::string_view what, size_t max_units, std::string* out) {
  absl::Status status;
  std::string thrown;
  if (!CatchObjcException([&] { status = ToUtf8(object, what, max_units, out); }, &thrown)) {
    return absl::InvalidArgumentError(absl::StrCat("reading ", what, " raised ", thrown));
  }
  return status;
}

NSString* ToNSString(absl::string_view text) {
  NSString* string = [[NSString alloc] initWithBytes:text.data()
                                              length:text.size()
                                            encoding:NSUTF8StringEncoding];
  if (string == nil) {
    string = [[NSString alloc] initWithBytes:text.data()
                                      length:text.size()
                                    encoding:NSISOLatin1StringEncoding];
  }
  return TG_AUTORELEASE(string);
}

NSArray<NSString*>* ToNSStrings(const std::vector<std::string>& texts) {
  NSMutableArray<NSString*>* array = [NSMutableArray arrayWithCapacity:texts.size()];
  for (const std::string& text : texts) [array addObject:ToNSString(text)];
  return array;
}

std::string ClassName(id object) {
  if (object == nil) return "nil";
  const char* name = class_getName(object_getClass(object));
  return name != nullptr ? name : "?";
}

}  // namespace telegate::ios_internal
