#include "util/files.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>

#include "absl/strings/str_cat.h"
#include "util/status_macros.h"

namespace telegate::util_internal {

namespace {
absl::Status ErrnoStatus(absl::string_view what, const std::string& path,
                         int err) {
  std::string message = absl::StrCat(what, " ", path, ": ", std::strerror(err));
  switch (err) {
    case ENOENT:
      return absl::NotFoundError(message);
    case EACCES:
    case EPERM:
    case EROFS:
      return absl::FailedPreconditionError(message);
    case ENOSPC:
    case EDQUOT:
      return absl::ResourceExhaustedError(message);
    default:
      return absl::UnavailableError(message);
  }
}
}  // namespace

bool PathExists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

absl::Status CheckWritableDirectory(const std::string& path) {
  if (path.empty()) {
    return absl::InvalidArgumentError("data directory is not set");
  }
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    int err = errno;
    if (err == ENOENT) {
      return absl::NotFoundError(
          absl::StrCat("data directory ", path, " does not exist"));
    }
    return ErrnoStatus("cannot stat data directory", path, err);
  }
  if (!S_ISDIR(st.st_mode)) {
    return absl::FailedPreconditionError(
        absl::StrCat("data directory ", path, " is not a directory"));
  }
  if (::access(path.c_str(), W_OK | X_OK) != 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("data directory ", path, " is not writable"));
  }
  return absl::OkStatus();
}

absl::Status EnsureDirectory(const std::string& path) {
  if (::mkdir(path.c_str(), 0700) == 0 || errno == EEXIST) {
    return absl::OkStatus();
  }
  return ErrnoStatus("cannot create directory", path, errno);
}

absl::Status RemoveFile(const std::string& path) {
  if (::unlink(path.c_str()) == 0 || errno == ENOENT) return absl::OkStatus();
  return ErrnoStatus("cannot remove", path, errno);
}

absl::Status SecureRemoveFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return absl::OkStatus();
    // Not writable (or a symlink): removing it is all that can be done.
    return RemoveFile(path);
  }
  struct stat st;
  // Only a regular file that has no other name is overwritten: the bytes of
  // a hard link planted here belong to someone else too.
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_nlink == 1 &&
      st.st_size > 0) {
    static const char kZeros[16384] = {};
    off_t left = st.st_size;
    while (left > 0) {
      size_t n = left < static_cast<off_t>(sizeof(kZeros))
                     ? static_cast<size_t>(left)
                     : sizeof(kZeros);
      ssize_t w = ::write(fd, kZeros, n);
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) break;  // e.g. disk full: still remove the file
      left -= w;
    }
    ::fdatasync(fd);
  }
  ::close(fd);
  return RemoveFile(path);
}

absl::Status WriteFileDurably(const std::string& path, absl::string_view data) {
  // Written under a new name and renamed over `path`: whatever was planted
  // at `path` (a symbolic link, a hard link to someone else's file) is
  // replaced, never followed or truncated.
  const std::string temp = absl::StrCat(path, ".tmp");
  TELEGATE_RETURN_IF_ERROR(RemoveFile(temp));
  int fd = ::open(temp.c_str(),
                  O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) return ErrnoStatus("cannot create", temp, errno);
  const char* p = data.data();
  size_t left = data.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      ::close(fd);
      ::unlink(temp.c_str());
      return ErrnoStatus("cannot write", path, err);
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) {
    int err = errno;
    ::close(fd);
    ::unlink(temp.c_str());
    return ErrnoStatus("cannot sync", path, err);
  }
  ::close(fd);
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(temp.c_str());
    return ErrnoStatus("cannot rename into place", path, err);
  }
  size_t slash = path.rfind('/');
  return SyncDirectory(slash == std::string::npos ? "."
                                                  : path.substr(0, slash));
}

absl::Status SyncDirectory(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus("cannot open directory", path, errno);
  int rc = ::fsync(fd);
  int err = errno;
  ::close(fd);
  if (rc != 0 && err != EINVAL) {
    return ErrnoStatus("cannot sync directory", path, err);
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<std::string>> ListFiles(const std::string& dir) {
  std::vector<std::string> names;
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) {
    if (errno == ENOENT) return names;
    return ErrnoStatus("cannot list", dir, errno);
  }
  while (struct dirent* entry = ::readdir(d)) {
    std::string name = entry->d_name;
    if (name == "." || name == "..") continue;
    struct stat st;
    if (::stat(JoinPath(dir, name).c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
      names.push_back(std::move(name));
    }
  }
  ::closedir(d);
  return names;
}

absl::StatusOr<std::vector<std::string>> RemoveSymlinks(
    const std::string& dir) {
  std::vector<std::string> removed;
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) {
    if (errno == ENOENT) return removed;
    return ErrnoStatus("cannot list", dir, errno);
  }
  absl::Status status;
  while (struct dirent* entry = ::readdir(d)) {
    std::string name = entry->d_name;
    if (name == "." || name == "..") continue;
    const std::string path = JoinPath(dir, name);
    struct stat st;
    if (::lstat(path.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) continue;
    absl::Status s = RemoveFile(path);  // unlink removes the link itself
    if (s.ok()) {
      removed.push_back(std::move(name));
    } else if (status.ok()) {
      status = s;
    }
  }
  ::closedir(d);
  if (!status.ok()) return status;
  return removed;
}

bool IsSymlink(const std::string& path) {
  struct stat st;
  return ::lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode);
}

std::string JoinPath(absl::string_view dir, absl::string_view name) {
  if (dir.empty()) return std::string(name);
  if (dir.back() == '/') return absl::StrCat(dir, name);
  return absl::StrCat(dir, "/", name);
}

}  // namespace telegate::util_internal
