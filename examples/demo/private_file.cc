#include "private_file.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>

#include "absl/strings/str_cat.h"

namespace telegate::demo {

namespace {

absl::Status Errno(absl::string_view what, const std::string& path, int err) {
  return absl::FailedPreconditionError(
      absl::StrCat(what, " ", path, ": ", std::strerror(err)));
}

absl::Status WriteAll(int fd, const std::string& path, absl::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Errno("cannot write", path, errno);
    data.remove_prefix(static_cast<size_t>(n));
  }
  if (::fsync(fd) != 0) return Errno("cannot sync", path, errno);
  return absl::OkStatus();
}

absl::Status WritePrivate(const std::string& path, absl::string_view data,
                          int mode_flag) {
  // O_NONBLOCK: a FIFO planted at `path` fails at once instead of blocking
  // until someone reads it (it is refused below either way).
  int fd = ::open(
      path.c_str(),
      O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK | mode_flag,
      0600);
  if (fd < 0) {
    return Errno(errno == ELOOP ? "refusing to write through a symbolic link"
                                : "cannot open",
                 path, errno);
  }
  struct stat st;
  absl::Status status;
  if (::fstat(fd, &st) != 0) {
    status = Errno("cannot stat", path, errno);
  } else if (!S_ISREG(st.st_mode)) {
    status = absl::FailedPreconditionError(
        absl::StrCat("refusing to write ", path, ": not a regular file"));
  } else if (::fchmod(fd, 0600) != 0) {
    // Also the answer for a file someone else owns: nothing is written.
    status = Errno("cannot make private", path, errno);
  } else {
    status = WriteAll(fd, path, data);
  }
  if (::close(fd) != 0 && status.ok())
    status = Errno("cannot close", path, errno);
  return status;
}

}  // namespace

absl::Status WritePrivateFile(const std::string& path, absl::string_view data) {
  return WritePrivate(path, data, O_TRUNC);
}

absl::Status AppendPrivateFile(const std::string& path,
                               absl::string_view data) {
  return WritePrivate(path, data, O_APPEND);
}

}  // namespace telegate::demo
