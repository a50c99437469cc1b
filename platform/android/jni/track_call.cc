#include "track_call.h"

#include <cstring>

#include "absl/strings/str_cat.h"
#include "utf16.h"

namespace telegate::jni_internal {

namespace {

absl::Status Malformed(const char* what) {
  return absl::InternalError(
      absl::StrCat("malformed track call from the Java layer: ", what));
}

}  // namespace

absl::Status DecodeTrackCall(const char16_t* text, size_t text_length,
                             const int32_t* layout, size_t layout_length,
                             const int64_t* numbers, size_t numbers_length,
                             TrackCall* out) {
  out->text_.clear();
  out->attributes_.clear();
  if (layout_length < 2 || layout[0] < 0 || layout[1] < 0)
    return Malformed("header");
  const size_t count = static_cast<size_t>(layout[0]);
  if (layout_length != 2 + 3 * count || numbers_length < count) {
    return Malformed("lengths");
  }
  size_t at = 0;
  bool malformed = false;
  // The next `length` units of text as UTF-8 (its own error, unnamed).
  auto take = [&](int32_t length, std::string* into) -> absl::Status {
    if (length < 0 || static_cast<size_t>(length) > text_length - at) {
      malformed = true;
      return Malformed("text");
    }
    absl::Status converted =
        Utf16ToUtf8(text + at, static_cast<size_t>(length), into);
    at += static_cast<size_t>(length);
    return converted;
  };
  // Names the text an error is about (built only on error).
  auto named = [&](absl::Status status, absl::string_view what) {
    if (malformed) return status;
    return absl::InvalidArgumentError(
        absl::StrCat(what, ": ", status.message()));
  };
  absl::Status status = take(layout[1], &out->event_);
  if (!status.ok()) return named(status, "event");
  out->attributes_.reserve(count);
  out->text_.reserve(2 * count);  // keys and string values: views stay valid
  for (size_t i = 0; i < count; ++i) {
    const int32_t type = layout[2 + 3 * i];
    out->text_.emplace_back();
    std::string& key = out->text_.back();
    status = take(layout[3 + 3 * i], &key);
    if (!status.ok()) return named(status, "attribute key");
    switch (type) {
      case kTrackString: {
        out->text_.emplace_back();
        status = take(layout[4 + 3 * i], &out->text_.back());
        if (!status.ok()) {
          return named(status, absl::StrCat("attribute \"", key, "\""));
        }
        out->attributes_.emplace_back(key,
                                      absl::string_view(out->text_.back()));
        break;
      }
      case kTrackInt:
        out->attributes_.emplace_back(key, static_cast<int64_t>(numbers[i]));
        break;
      case kTrackDouble: {
        double d;
        std::memcpy(&d, &numbers[i], sizeof(d));
        out->attributes_.emplace_back(key, d);
        break;
      }
      case kTrackBool:
        out->attributes_.emplace_back(key, numbers[i] != 0);
        break;
      default:
        return Malformed("type");
    }
  }
  if (at != text_length) return Malformed("trailing text");
  return absl::OkStatus();
}

}  // namespace telegate::jni_internal
