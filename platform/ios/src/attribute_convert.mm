#include "attribute_convert.h"

#include <limits>
#include <string>

#include "absl/strings/str_cat.h"
#include "objc_memory.h"

#if defined(__APPLE__)
#include <CoreFoundation/CoreFoundation.h>
#endif

namespace telegate::ios_internal {
namespace {

bool IsBoolNumber(NSNumber* number) {
#if defined(__APPLE__)
  return CFGetTypeID((__bridge CFTypeRef)number) == CFBooleanGetTypeID();
#else
  // GNUstep keeps the two BOOL values as singletons of a private class
  // (NSBoolNumber, objCType "C"); a char number is an NSIntNumber ("i").
  static NSNumber* const yes = TG_RETAIN([NSNumber numberWithBool:YES]);
  static NSNumber* const no = TG_RETAIN([NSNumber numberWithBool:NO]);
  return number == yes || number == no;
#endif
}

std::string AttributeName(absl::string_view key) { return absl::StrCat("attribute \"", key, "\""); }

}  // namespace

NumberKind ClassifyNumber(NSNumber* number, bool* bool_value, int64_t* int_value,
                          double* double_value) {
  if (IsBoolNumber(number)) {
    *bool_value = [number boolValue];
    return NumberKind::kBool;
  }
  const char* type = [number objCType];
  if (type == nullptr || type[0] == '\0' || type[1] != '\0') {
    return NumberKind::kUnsupported;
  }
  switch (type[0]) {
    case 'f':
    case 'd':
      *double_value = [number doubleValue];
      return NumberKind::kDouble;
    case 'c':
    case 'C':
    case 's':
    case 'S':
    case 'i':
    case 'I':
    case 'l':
    case 'q':
      *int_value = [number longLongValue];
      return NumberKind::kInt;
    case 'L':
    case 'Q': {
      const unsigned long long v = [number unsignedLongLongValue];
      if (v > static_cast<unsigned long long>(std::numeric_limits<int64_t>::max())) {
        return NumberKind::kOutOfRange;
      }
      *int_value = static_cast<int64_t>(v);
      return NumberKind::kInt;
    }
    default:
      return NumberKind::kUnsupported;
  }
}

absl::Status ConvertTrackArguments(id category, id event, id attributes, size_t max_value_units,
                                   TrackArguments* out) {
  size_t bad_index = 0;
  StringProblem problem =
      Utf8Into(category, kMaxNameUnits, &out->arena, &out->category, &bad_index);
  if (problem != StringProblem::kNone) {
    return DescribeStringProblem(problem, "category", category, kMaxNameUnits, bad_index);
  }
  problem = Utf8Into(event, kMaxNameUnits, &out->arena, &out->event, &bad_index);
  if (problem != StringProblem::kNone) {
    return DescribeStringProblem(problem, "event", event, kMaxNameUnits, bad_index);
  }
  if (attributes == nil) return absl::OkStatus();
  if (![attributes isKindOfClass:[NSDictionary class]]) {
    return absl::InvalidArgumentError(
        absl::StrCat("attributes must be an NSDictionary, not ", ClassName(attributes)));
  }
  NSDictionary* dictionary = static_cast<NSDictionary*>(attributes);
  const NSUInteger count = [dictionary count];
  if (count > kMaxAttributes) {
    return absl::InvalidArgumentError(absl::StrCat("attributes hold ", static_cast<uint64_t>(count),
                                                   " entries; an event has at most ",
                                                   kMaxAttributes));
  }
  for (id key in dictionary) {
    // A dictionary subclass may enumerate more entries than it counts.
    if (out->attributes.size() >= kMaxAttributes) {
      return absl::InvalidArgumentError(
          absl::StrCat("attributes hold more than ", kMaxAttributes, " entries"));
    }
    absl::string_view key_utf8;
    problem = Utf8Into(key, kMaxNameUnits, &out->arena, &key_utf8, &bad_index);
    if (problem != StringProblem::kNone) {
      return DescribeStringProblem(problem, "an attribute key", key, kMaxNameUnits, bad_index);
    }
    id value = [dictionary objectForKey:key];
    if (value == nil || value == [NSNull null]) {
      return absl::InvalidArgumentError(
          absl::StrCat(AttributeName(key_utf8), " is ", value == nil ? "nil" : "NSNull"));
    }
    if ([value isKindOfClass:[NSString class]]) {
      absl::string_view text;
      problem = Utf8Into(value, max_value_units, &out->arena, &text, &bad_index);
      if (problem != StringProblem::kNone) {
        return DescribeStringProblem(problem, AttributeName(key_utf8), value, max_value_units,
                                     bad_index);
      }
      out->attributes.emplace_back(key_utf8, text);
      continue;
    }
    if ([value isKindOfClass:[NSNumber class]]) {
      bool b = false;
      int64_t i = 0;
      double d = 0;
      switch (ClassifyNumber(static_cast<NSNumber*>(value), &b, &i, &d)) {
        case NumberKind::kBool:
          out->attributes.emplace_back(key_utf8, b);
          continue;
        case NumberKind::kInt:
          out->attributes.emplace_back(key_utf8,
                                       static_cast<long long>(i));  // NOLINT
          continue;
        case NumberKind::kDouble:
          out->attributes.emplace_back(key_utf8, d);
          continue;
        case NumberKind::kOutOfRange:
          return absl::InvalidArgumentError(
              absl::StrCat(AttributeName(key_utf8), " does not fit in a 64-bit integer"));
        case NumberKind::kUnsupported:
          return absl::InvalidArgumentError(
              absl::StrCat(AttributeName(key_utf8), " is an NSNumber of unsupported type"));
      }
    }
    return absl::InvalidArgumentError(absl::StrCat(AttributeName(key_utf8), " is a ",
                                                   ClassName(value),
                                                   "; only NSString and NSNumber are accepted"));
  }
  return absl::OkStatus();
}

}  // namespace telegate::ios_internal
