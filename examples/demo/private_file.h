// Private output files for the examples: what they write about the user
// (an export, the events a collector received) is readable by its owner
// only, whatever the umask, and never written through a planted link.
//
//   absl::Status written = demo::WritePrivateFile(path, export_json);
//   absl::Status appended = demo::AppendPrivateFile(path, json_lines);
#ifndef TELEGATE_EXAMPLES_DEMO_PRIVATE_FILE_H_
#define TELEGATE_EXAMPLES_DEMO_PRIVATE_FILE_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace telegate::demo {

// Replaces the contents of `path` with `data` (creating it), then syncs it.
// The file ends up mode 0600 whatever the umask or its old mode. Refused,
// with nothing written: a symbolic link at `path` (O_NOFOLLOW), anything but
// a regular file (a FIFO, a device), a file whose mode cannot be set (owned
// by someone else). kFailedPrecondition or the errno's status otherwise.
absl::Status WritePrivateFile(const std::string& path, absl::string_view data);

// Appends `data` to `path` (creating it) under the same rules.
absl::Status AppendPrivateFile(const std::string& path, absl::string_view data);

}  // namespace telegate::demo

#endif  // TELEGATE_EXAMPLES_DEMO_PRIVATE_FILE_H_
