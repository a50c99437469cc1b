// Tokenizer for the demo's line protocol: words separated by blanks; a word
// may be double-quoted, with \" and \\ escapes inside the quotes.
//
//   absl::StatusOr<std::vector<std::string>> words =
//       SplitCommandLine("track log.search search query=\"red shoes\"");
#ifndef TELEGATE_EXAMPLES_DEMO_COMMAND_LINE_H_
#define TELEGATE_EXAMPLES_DEMO_COMMAND_LINE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace telegate::demo {

// kInvalidArgument for an unterminated quote or a dangling escape.
absl::StatusOr<std::vector<std::string>> SplitCommandLine(
    absl::string_view line);

}  // namespace telegate::demo

#endif  // TELEGATE_EXAMPLES_DEMO_COMMAND_LINE_H_
