#include "telegate/desktop/file_key_store.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace telegate::desktop {

namespace {

bool IsValidKeyName(absl::string_view name) {
  if (name.empty() || name.size() > 200 || name.front() == '.') return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

absl::Status ErrnoError(absl::string_view what, const std::string& path) {
  int err = errno;
  std::string message = absl::StrCat(what, " ", path, ": ", std::strerror(err));
  if (err == ENOSPC || err == EDQUOT)
    return absl::ResourceExhaustedError(message);
  if (err == EACCES || err == EPERM || err == EROFS) {
    return absl::FailedPreconditionError(message);
  }
  return absl::UnavailableError(message);
}

void SyncDir(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

bool WriteAll(int fd, const uint8_t* data, size_t size) {
  while (size > 0) {
    ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

// A key file this store made: a regular file with no other name, owned by
// this process's user, mode 0600. Anything else was planted (or tampered
// with) and is never used: kPermissionDenied, naming what is wrong.
absl::Status CheckTrusted(const struct stat& st, const std::string& path) {
  if (!S_ISREG(st.st_mode)) {
    return absl::PermissionDeniedError(
        absl::StrCat("key file ", path, " is not a regular file"));
  }
  if (st.st_uid != ::geteuid()) {
    return absl::PermissionDeniedError(
        absl::StrCat("key file ", path, " is owned by uid ", st.st_uid,
                     ", not ", ::geteuid()));
  }
  if ((st.st_mode & 07777) != 0600) {
    return absl::PermissionDeniedError(absl::StrFormat(
        "key file %s has mode %04o; expected 0600", path, st.st_mode & 07777));
  }
  if (st.st_nlink != 1) {
    return absl::PermissionDeniedError(absl::StrCat(
        "key file ", path, " has ", st.st_nlink, " names (a hard link)"));
  }
  return absl::OkStatus();
}

}  // namespace

FileKeyStore::FileKeyStore(std::string dir) : dir_(std::move(dir)) {}

std::string FileKeyStore::PathFor(absl::string_view name) const {
  return absl::StrCat(dir_, "/", name, ".key");
}

absl::StatusOr<SecretBytes> FileKeyStore::Get(absl::string_view name) {
  if (!IsValidKeyName(name)) {
    return absl::InvalidArgumentError(
        absl::StrCat("bad key name \"", name, "\""));
  }
  std::lock_guard<std::mutex> lock(mu_);
  const std::string path = PathFor(name);
  int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) {
      return absl::NotFoundError(absl::StrCat("no key \"", name, "\""));
    }
    if (errno == ELOOP) {
      return absl::PermissionDeniedError(
          absl::StrCat("key file ", path, " is a symbolic link"));
    }
    return ErrnoError("cannot open key file", path);
  }
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    absl::Status status = ErrnoError("cannot stat key file", path);
    ::close(fd);
    return status;
  }
  if (absl::Status trusted = CheckTrusted(st, path); !trusted.ok()) {
    ::close(fd);
    return trusted;
  }
  if (st.st_size != static_cast<off_t>(kKeySize)) {
    ::close(fd);
    return absl::DataLossError(absl::StrCat(
        "key file ", path, " has ", st.st_size, " bytes; expected ", kKeySize));
  }
  uint8_t buf[kKeySize];
  size_t got = 0;
  while (got < kKeySize) {
    ssize_t n = ::read(fd, buf + got, kKeySize - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  ::close(fd);
  if (got != kKeySize) {
    std::memset(buf, 0, sizeof(buf));
    return absl::DataLossError(absl::StrCat("cannot read key file ", path));
  }
  SecretBytes key(buf, kKeySize);
  volatile uint8_t* p = buf;
  for (size_t i = 0; i < kKeySize; ++i) p[i] = 0;
  return key;
}

absl::StatusOr<SecretBytes> FileKeyStore::Create(absl::string_view name) {
  if (!IsValidKeyName(name)) {
    return absl::InvalidArgumentError(
        absl::StrCat("bad key name \"", name, "\""));
  }
  std::lock_guard<std::mutex> lock(mu_);
  if (::mkdir(dir_.c_str(), 0700) != 0 && errno != EEXIST) {
    return ErrnoError("cannot create key directory", dir_);
  }
  const std::string path = PathFor(name);
  SecretBytes key = SecretBytes::Random(kKeySize);
  if (key.size() != kKeySize) {
    return absl::UnavailableError("no entropy for a new key");
  }
  int fd = ::open(path.c_str(),
                  O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) {
      return absl::AlreadyExistsError(
          absl::StrCat("key \"", name, "\" exists"));
    }
    return ErrnoError("cannot create key file", path);
  }
  if (!WriteAll(fd, key.data(), key.size()) || ::fsync(fd) != 0) {
    absl::Status status = ErrnoError("cannot write key file", path);
    ::close(fd);
    ::unlink(path.c_str());
    return status;
  }
  ::close(fd);
  SyncDir(dir_);
  return key;
}

absl::Status FileKeyStore::Destroy(absl::string_view name) {
  if (!IsValidKeyName(name)) {
    return absl::InvalidArgumentError(
        absl::StrCat("bad key name \"", name, "\""));
  }
  std::lock_guard<std::mutex> lock(mu_);
  const std::string path = PathFor(name);
  // Only a key file this store made is overwritten; anything planted under
  // the name (a link, a hard link to another file, another user's file) or
  // a file that cannot be opened for writing is only unlinked, so
  // destroying a key never harms another file and never fails for it.
  int fd = ::open(path.c_str(), O_WRONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT) return absl::OkStatus();
  struct stat st;
  if (fd >= 0 && (::fstat(fd, &st) != 0 || !CheckTrusted(st, path).ok())) {
    ::close(fd);
    fd = -1;
  }
  if (fd >= 0 && st.st_size > 0) {
    uint8_t zeros[256] = {};
    off_t left = st.st_size;
    while (left > 0) {
      size_t n =
          left < static_cast<off_t>(sizeof(zeros)) ? left : sizeof(zeros);
      if (!WriteAll(fd, zeros, n)) break;
      left -= static_cast<off_t>(n);
    }
    ::fsync(fd);
  }
  if (fd >= 0) ::close(fd);
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
    return ErrnoError("cannot remove key file", path);
  }
  SyncDir(dir_);
  return absl::OkStatus();
}

}  // namespace telegate::desktop
