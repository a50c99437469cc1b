// Fuzz target: the desktop platform's permission state file, read at
// start-up from the data directory (DesktopPermissionSource::Parse). Checks
// that a parsed state, written back in the file's format, parses to the
// same state.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

#include "absl/strings/str_cat.h"
#include "fuzz_check.h"
#include "telegate/desktop/desktop_permission_source.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using telegate::desktop::DesktopPermissionSource;
  absl::string_view text(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<std::map<std::string, bool>> state =
      DesktopPermissionSource::Parse(text);
  if (!state.ok()) {
    FUZZ_CHECK(state.status().code() == absl::StatusCode::kInvalidArgument);
    return 0;
  }
  std::string written;
  for (const auto& [name, granted] : *state) {
    absl::StrAppend(&written, name, granted ? " granted\n" : " denied\n");
  }
  absl::StatusOr<std::map<std::string, bool>> again =
      DesktopPermissionSource::Parse(written);
  FUZZ_CHECK(again.ok());
  FUZZ_CHECK(*again == *state);
  return 0;
}
