#include "command_line.h"

namespace telegate::demo {

absl::StatusOr<std::vector<std::string>> SplitCommandLine(
    absl::string_view line) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '\\') {
        if (i + 1 >= line.size()) {
          return absl::InvalidArgumentError("dangling \\ at end of line");
        }
        word.push_back(line[++i]);
      } else if (c == '"') {
        quoted = false;
      } else {
        word.push_back(c);
      }
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      if (in_word) {
        words.push_back(std::move(word));
        word.clear();
        in_word = false;
      }
      continue;
    }
    in_word = true;
    if (c == '"') {
      quoted = true;
    } else {
      word.push_back(c);
    }
  }
  if (quoted) return absl::InvalidArgumentError("unterminated quote");
  if (in_word) words.push_back(std::move(word));
  return words;
}

}  // namespace telegate::demo
