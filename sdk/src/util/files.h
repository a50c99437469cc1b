// Small POSIX file helpers used by the store (Android and iOS are POSIX too).
#ifndef TELEGATE_UTIL_FILES_H_
#define TELEGATE_UTIL_FILES_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace telegate::util_internal {

bool PathExists(const std::string& path);
// kNotFound if missing, kFailedPrecondition if not a writable directory.
absl::Status CheckWritableDirectory(const std::string& path);
// Creates `path` (one level) with mode 0700 if missing.
absl::Status EnsureDirectory(const std::string& path);
// Removes `path`; OK if it does not exist.
absl::Status RemoveFile(const std::string& path);
// Overwrites a regular file's bytes with zeros (synced), then removes it; OK
// if it does not exist. For unreadable databases that recovery replaces:
// their contents are overwritten wherever the file system writes in place.
absl::Status SecureRemoveFile(const std::string& path);
// Writes `data` to `path` (0600), fsync()s it and its directory. Writes a
// new file and renames it over `path`, so a symbolic or hard link planted at
// `path` is replaced, never followed.
absl::Status WriteFileDurably(const std::string& path, absl::string_view data);
// fsync()s a directory so that creations and removals in it are durable.
absl::Status SyncDirectory(const std::string& path);
// Names (not paths) of the regular files in `dir`; empty if `dir` is missing.
absl::StatusOr<std::vector<std::string>> ListFiles(const std::string& dir);
// Removes every symbolic link directly in `dir` (the links, never what they
// point to); returns their names. Empty if `dir` is missing.
absl::StatusOr<std::vector<std::string>> RemoveSymlinks(const std::string& dir);
// True if `path` itself is a symbolic link.
bool IsSymlink(const std::string& path);
std::string JoinPath(absl::string_view dir, absl::string_view name);

}  // namespace telegate::util_internal

#endif  // TELEGATE_UTIL_FILES_H_
