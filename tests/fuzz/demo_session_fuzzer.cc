// Fuzz target: the whole demo command path — DemoSession::Execute, as
// telegate-demo runs it for each line read from stdin — on a real client in
// a scratch directory that persists across inputs (so consent, permission
// and tracking state builds up as in a long session).
//
// Checks the line protocol every command must keep: an answer is one line
// starting with "ok" or "error:", except `status` ("ok status N" and N
// indented lines) and blank or comment lines (no answer); no answer line
// holds a line break.
#include <stdlib.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "demo_session.h"
#include "fuzz_check.h"

namespace {

using telegate::demo::DemoSession;

struct Scratch {
  std::string dir;
  std::unique_ptr<DemoSession> session;

  Scratch() {
    const char* base = std::getenv("TEST_TMPDIR");
    dir = std::string(base && *base ? base : "/tmp") + "/telegate-fuzz-XXXXXX";
    FUZZ_CHECK(::mkdtemp(&dir[0]) != nullptr);
    telegate::demo::DemoOptions options;
    options.data_dir = dir;
    absl::StatusOr<std::unique_ptr<DemoSession>> s = DemoSession::Create(options);
    FUZZ_CHECK(s.ok());
    session = *std::move(s);
  }
  ~Scratch() {
    session.reset();  // closes the client before its files go
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

Scratch& GetScratch() {
  static Scratch* scratch = [] {
    static Scratch s;  // destroyed at exit: the client closes, files go
    return &s;
  }();
  return *scratch;
}

void CheckAnswer(absl::string_view line, const std::vector<std::string>& out) {
  for (const std::string& answer : out) {
    FUZZ_CHECK(answer.find('\n') == std::string::npos);
  }
  if (out.empty()) return;  // blank line or comment
  const std::string& first = out[0];
  FUZZ_CHECK(absl::StartsWith(first, "ok") || absl::StartsWith(first, "error:"));
  if (absl::StartsWith(first, "ok status ")) {
    size_t n = 0;
    FUZZ_CHECK(absl::SimpleAtoi(first.substr(10), &n));
    FUZZ_CHECK(out.size() == n + 1);
    for (size_t i = 1; i < out.size(); ++i) {
      FUZZ_CHECK(absl::StartsWith(out[i], "  "));
    }
  } else {
    FUZZ_CHECK(out.size() == 1);
  }
  (void)line;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  DemoSession* session = GetScratch().session.get();
  absl::string_view input(reinterpret_cast<const char*>(data), size);
  // telegate-demo reads lines with std::getline: no line holds a '\n'.
  int commands = 0;
  for (absl::string_view line : absl::StrSplit(input, '\n')) {
    if (++commands > 64) break;  // keep each input quick
    CheckAnswer(line, session->Execute(line));
  }
  return 0;
}
