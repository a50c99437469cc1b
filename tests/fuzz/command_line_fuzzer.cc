// Fuzz target: the demo's command-line tokenizer (SplitCommandLine), which
// reads whatever is typed or piped into telegate-demo. Checks a round trip:
// the words of a line, each re-quoted, split back into the same words.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "command_line.h"
#include "fuzz_check.h"

namespace {

std::string Quote(const std::string& word) {
  std::string out = "\"";
  for (char c : word) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  absl::string_view line(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<std::vector<std::string>> words =
      telegate::demo::SplitCommandLine(line);
  if (!words.ok()) {
    FUZZ_CHECK(words.status().code() == absl::StatusCode::kInvalidArgument);
    return 0;
  }
  size_t total = 0;
  std::string joined;
  for (const std::string& w : *words) {
    total += w.size();
    joined += Quote(w);
    joined.push_back(' ');
  }
  FUZZ_CHECK(total <= size);
  absl::StatusOr<std::vector<std::string>> again =
      telegate::demo::SplitCommandLine(joined);
  FUZZ_CHECK(again.ok());
  FUZZ_CHECK(*again == *words);
  return 0;
}
