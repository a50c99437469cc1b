// The arguments of -[TGClient track:event:attributes:] as the C++ core takes
// them: UTF-8 views into a TextArena and a list of telegate::Attribute.
//
//   TrackArguments args;
//   absl::Status s = ConvertTrackArguments(category, event, attributes,
//                                          max_value_units, &args);
//   if (s.ok()) s = client->Track(args.category, args.event, args.span());
//
// For a typical event (a few short attributes) nothing is allocated: text
// and attributes live inline in TrackArguments, on the caller's stack.
//
// Thread-compatible. Must run inside CatchObjcException: the dictionary is
// the app's and may hold anything.
#ifndef TELEGATE_PLATFORM_IOS_SRC_ATTRIBUTE_CONVERT_H_
#define TELEGATE_PLATFORM_IOS_SRC_ATTRIBUTE_CONVERT_H_

#import <Foundation/Foundation.h>

#include <cstddef>
#include <cstdint>

#include "absl/container/inlined_vector.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "string_convert.h"
#include "telegate/attribute.h"

namespace telegate::ios_internal {

// More attributes than any catalog event declares; a dictionary past it is
// refused before any entry is read.
inline constexpr size_t kMaxAttributes = 64;

struct TrackArguments {
  absl::string_view category;
  absl::string_view event;
  absl::InlinedVector<Attribute, 16> attributes;
  TextArena arena;

  absl::Span<const Attribute> span() const {
    return absl::Span<const Attribute>(attributes.data(), attributes.size());
  }
};

// What an NSNumber holds, told apart the way Foundation records it: the
// BOOL singletons (@YES, @NO, numberWithBool:; kCFBooleanTrue / False on
// Apple, NSBoolNumber on GNUstep), float and double ('f', 'd'), and every
// integer type.
enum class NumberKind { kBool, kInt, kDouble, kOutOfRange, kUnsupported };
NumberKind ClassifyNumber(NSNumber* number, bool* bool_value, int64_t* int_value,
                          double* double_value);

// Converts and validates everything the core cannot check itself (classes,
// nil / NSNull, Unicode, sizes); the core then checks the catalog.
// kInvalidArgument naming the problem; messages never quote values.
// `max_value_units` bounds a string value (an event larger than
// ClientOptions::max_event_bytes is refused anyway).
absl::Status ConvertTrackArguments(id category, id event, id attributes, size_t max_value_units,
                                   TrackArguments* out);

}  // namespace telegate::ios_internal

#endif  // TELEGATE_PLATFORM_IOS_SRC_ATTRIBUTE_CONVERT_H_
