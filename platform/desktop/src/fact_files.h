// Small helpers shared by the desktop fact readers: bounded file reads and
// the locale's language. Private to platform/desktop.
#ifndef TELEGATE_PLATFORM_DESKTOP_SRC_FACT_FILES_H_
#define TELEGATE_PLATFORM_DESKTOP_SRC_FACT_FILES_H_

#include <cstddef>
#include <string>

namespace telegate::desktop::internal {

enum class ReadResult { kOk, kMissing, kTruncated };

// Reads at most `max_bytes` of `path` into *out. kMissing if it cannot be
// opened (*out empty); kTruncated if the file was longer.
ReadResult ReadBoundedFile(const std::string& path, size_t max_bytes,
                           std::string* out);

// The user's language from LC_ALL, LC_MESSAGES or LANG, without encoding
// or modifier ("en_US.UTF-8" -> "en_US"); "" if unset or the C/POSIX
// locale (which names no language).
std::string LocaleLanguage();

}  // namespace telegate::desktop::internal

#endif  // TELEGATE_PLATFORM_DESKTOP_SRC_FACT_FILES_H_
