#include "fact_files.h"

#include <cstdlib>
#include <fstream>

#include "absl/strings/string_view.h"

namespace telegate::desktop::internal {

ReadResult ReadBoundedFile(const std::string& path, size_t max_bytes,
                           std::string* out) {
  out->clear();
  std::ifstream in(path, std::ios::binary);
  if (!in) return ReadResult::kMissing;
  out->resize(max_bytes + 1);
  in.read(&(*out)[0], static_cast<std::streamsize>(out->size()));
  size_t n = static_cast<size_t>(in.gcount());
  if (n > max_bytes) {
    out->resize(max_bytes);
    return ReadResult::kTruncated;
  }
  out->resize(n);
  return ReadResult::kOk;
}

std::string LocaleLanguage() {
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') continue;
    absl::string_view l = value;
    l = l.substr(0, l.find('.'));  // "en_US.UTF-8" -> "en_US"
    l = l.substr(0, l.find('@'));  // "de_DE@euro" -> "de_DE"
    if (l == "C" || l == "POSIX") return "";  // no language chosen
    return std::string(l);
  }
  return "";
}

}  // namespace telegate::desktop::internal
