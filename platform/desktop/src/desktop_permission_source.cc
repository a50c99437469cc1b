#include "telegate/desktop/desktop_permission_source.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace telegate::desktop {

namespace {
bool IsValidPermissionName(absl::string_view name) {
  if (name.empty() || name.size() > 128) return false;
  for (char c : name) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
              (c >= '0' && c <= '9') || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}
}  // namespace

DesktopPermissionSource::DesktopPermissionSource(std::string state_file,
                                                 Platform platform,
                                                 int os_level)
    : state_file_(std::move(state_file)),
      platform_(platform),
      os_level_(os_level) {}

absl::StatusOr<std::map<std::string, bool>> DesktopPermissionSource::Parse(
    absl::string_view text) {
  std::map<std::string, bool> state;
  int line_no = 0;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_no;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line.front() == '#') continue;
    std::vector<absl::string_view> parts =
        absl::StrSplit(line, ' ', absl::SkipEmpty());
    if (parts.size() != 2 || !IsValidPermissionName(parts[0]) ||
        (parts[1] != "granted" && parts[1] != "denied")) {
      return absl::InvalidArgumentError(absl::StrCat(
          "line ", line_no, ": expected \"PERMISSION granted|denied\""));
    }
    state[std::string(parts[0])] = parts[1] == "granted";
  }
  return state;
}

absl::Status DesktopPermissionSource::Load() {
  if (state_file_.empty()) return absl::OkStatus();
  std::ifstream in(state_file_);
  if (!in) return absl::OkStatus();  // nothing saved yet
  std::stringstream buffer;
  buffer << in.rdbuf();
  absl::StatusOr<std::map<std::string, bool>> state = Parse(buffer.str());
  if (!state.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(state_file_, ": ", state.status().message()));
  }
  std::lock_guard<std::mutex> lock(state_mu_);
  state_ = *std::move(state);
  return absl::OkStatus();
}

absl::Status DesktopPermissionSource::Save() const {
  if (state_file_.empty()) return absl::OkStatus();
  std::string text;
  for (const auto& [name, granted] : state_) {
    absl::StrAppend(&text, name, granted ? " granted\n" : " denied\n");
  }
  // A new file (O_EXCL, never through a link, 0600 whatever the umask),
  // synced, then renamed over the state file: a link planted at either name
  // is replaced, never written through.
  const std::string tmp = state_file_ + ".tmp";
  if (::unlink(tmp.c_str()) != 0 && errno != ENOENT) {
    return absl::UnavailableError(absl::StrCat("cannot remove ", tmp));
  }
  int fd = ::open(tmp.c_str(),
                  O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0)
    return absl::UnavailableError(absl::StrCat("cannot create ", tmp));
  const char* p = text.data();
  size_t left = text.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    p += n;
    left -= static_cast<size_t>(n);
  }
  const bool written = left == 0 && ::fsync(fd) == 0;
  ::close(fd);
  if (!written) {
    ::unlink(tmp.c_str());
    return absl::UnavailableError(absl::StrCat("cannot write ", tmp));
  }
  if (std::rename(tmp.c_str(), state_file_.c_str()) != 0) {
    return absl::UnavailableError(absl::StrCat("cannot replace ", state_file_));
  }
  return absl::OkStatus();
}

absl::Status DesktopPermissionSource::Set(absl::string_view permission,
                                          bool granted) {
  if (!IsValidPermissionName(permission)) {
    return absl::InvalidArgumentError(
        absl::StrCat("bad permission name \"", permission, "\""));
  }
  {
    std::lock_guard<std::mutex> lock(state_mu_);
    state_[std::string(permission)] = granted;
    absl::Status saved = Save();
    if (!saved.ok()) return saved;
  }
  std::lock_guard<std::mutex> lock(listener_mu_);
  if (listener_ != nullptr) listener_->OnPermissionsChanged();
  return absl::OkStatus();
}

bool DesktopPermissionSource::IsGranted(absl::string_view permission) {
  std::lock_guard<std::mutex> lock(state_mu_);
  auto it = state_.find(std::string(permission));
  return it != state_.end() && it->second;
}

void DesktopPermissionSource::SetListener(Listener* listener) {
  std::lock_guard<std::mutex> lock(listener_mu_);
  listener_ = listener;
}

}  // namespace telegate::desktop
