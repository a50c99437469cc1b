// IsValidJson: a strict RFC 8259 checker for fuzz targets — one value,
// nothing after it but blanks, strings of well-formed UTF-8 with valid
// escapes, nesting at most 64 deep.
//
//   FUZZ_CHECK(telegate::fuzz::IsValidJson(EventToJson(event)));
#ifndef TELEGATE_TESTS_FUZZ_JSON_CHECK_H_
#define TELEGATE_TESTS_FUZZ_JSON_CHECK_H_

#include <string>

#include "absl/strings/string_view.h"

namespace telegate::fuzz {

bool IsValidJson(absl::string_view text);

}  // namespace telegate::fuzz

#endif  // TELEGATE_TESTS_FUZZ_JSON_CHECK_H_
