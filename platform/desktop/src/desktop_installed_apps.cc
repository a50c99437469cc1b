#include "telegate/desktop/desktop_installed_apps.h"

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "fact_files.h"

namespace telegate::desktop {

namespace {

// Big systems have status files of a few MiB.
constexpr size_t kMaxStatusFile = 32 << 20;

struct Stanza {
  int first_line = 0;
  std::string package;
  std::string status;
  bool any_field = false;
};

void Finish(const Stanza& s, AppList* out) {
  if (!s.any_field) return;
  if (s.package.empty()) {
    out->warnings.push_back(absl::StrCat("dpkg status entry at line ",
                                         s.first_line, " has no Package"));
    return;
  }
  // "Status: want flag state": only fully installed packages count.
  std::vector<absl::string_view> words =
      absl::StrSplit(s.status, ' ', absl::SkipEmpty());
  if (words.size() != 3) {
    out->warnings.push_back(absl::StrCat("dpkg status entry ", s.package,
                                         " has a malformed Status"));
    return;
  }
  if (words[2] == "installed") out->packages.push_back(s.package);
}

}  // namespace

DesktopInstalledApps::DesktopInstalledApps(std::string status_path)
    : status_path_(std::move(status_path)) {}

AppList DesktopInstalledApps::Parse(absl::string_view text) {
  AppList out;
  Stanza current;
  int line_no = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_no;
    if (absl::StripTrailingAsciiWhitespace(line).empty()) {
      Finish(current, &out);
      current = Stanza();
      continue;
    }
    if (!current.any_field) current.first_line = line_no;
    current.any_field = true;
    if (line.front() == ' ' || line.front() == '\t') continue;  // continuation
    size_t colon = line.find(':');
    if (colon == absl::string_view::npos) {
      out.warnings.push_back(
          absl::StrCat("dpkg status line ", line_no, ": not a field"));
      continue;
    }
    absl::string_view name = line.substr(0, colon);
    absl::string_view value = absl::StripAsciiWhitespace(line.substr(colon + 1));
    if (name == "Package") {
      current.package = std::string(value);
    } else if (name == "Status") {
      current.status = std::string(value);
    }
  }
  Finish(current, &out);
  return out;
}

absl::StatusOr<AppList> DesktopInstalledApps::List() {
  std::string text;
  internal::ReadResult read =
      internal::ReadBoundedFile(status_path_, kMaxStatusFile, &text);
  if (read == internal::ReadResult::kMissing) {
    return absl::NotFoundError(absl::StrCat("cannot read ", status_path_));
  }
  if (read == internal::ReadResult::kTruncated) {
    // Drop the last, cut stanza.
    size_t end = text.rfind("\n\n");
    text.resize(end == std::string::npos ? 0 : end);
  }
  AppList list = Parse(text);
  if (read == internal::ReadResult::kTruncated) {
    list.warnings.push_back(
        absl::StrCat(status_path_, " is too long; read in part"));
  }
  return list;
}

}  // namespace telegate::desktop
