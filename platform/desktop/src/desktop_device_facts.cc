#include "telegate/desktop/desktop_device_facts.h"

#include <sys/utsname.h>
#include <unistd.h>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "fact_files.h"

namespace telegate::desktop {

namespace {
constexpr size_t kMaxFactFile = 64 << 10;
}

DesktopDeviceFacts::DesktopDeviceFacts(std::string app_version,
                                       std::string root)
    : app_version_(std::move(app_version)), root_(std::move(root)) {}

std::string DesktopDeviceFacts::ReadSmallFile(const std::string& path) const {
  std::string data;
  internal::ReadBoundedFile(root_ + path, kMaxFactFile, &data);
  return data;
}

std::map<std::string, std::string> DesktopDeviceFacts::ParseOsRelease(
    absl::string_view text, std::vector<std::string>* warnings) {
  std::map<std::string, std::string> out;
  int line_no = 0;
  auto warn = [&](absl::string_view why) {
    if (warnings != nullptr) {
      warnings->push_back(absl::StrCat("os-release line ", line_no, ": ", why));
    }
  };
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    ++line_no;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line.front() == '#') continue;
    size_t eq = line.find('=');
    if (eq == absl::string_view::npos || eq == 0) {
      warn("not KEY=value");
      continue;
    }
    absl::string_view key = line.substr(0, eq);
    absl::string_view value = line.substr(eq + 1);
    bool key_ok = true;
    for (char c : key) {
      if (!(absl::ascii_isupper(c) || absl::ascii_isdigit(c) || c == '_')) {
        key_ok = false;
      }
    }
    if (!key_ok) {
      warn("malformed key");
      continue;
    }
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    }
    out[std::string(key)] = std::string(value);
  }
  return out;
}

absl::StatusOr<DeviceInfo> DesktopDeviceFacts::Read() {
  DeviceInfo info;
  struct utsname uts;
  if (::uname(&uts) == 0) {
    info.os_name = uts.sysname;
    info.kernel = uts.release;
    info.model = uts.machine;
  } else {
    info.warnings.push_back("uname failed");
  }
  std::string os_release;
  switch (internal::ReadBoundedFile(root_ + "/etc/os-release", kMaxFactFile,
                                    &os_release)) {
    case internal::ReadResult::kMissing:
      info.warnings.push_back("cannot read /etc/os-release");
      break;
    case internal::ReadResult::kTruncated:
      info.warnings.push_back("/etc/os-release is too long; read in part");
      break;
    case internal::ReadResult::kOk:
      break;
  }
  std::map<std::string, std::string> os =
      ParseOsRelease(os_release, &info.warnings);
  if (!os["NAME"].empty()) info.os_name = os["NAME"];
  info.os_version = !os["VERSION_ID"].empty() ? os["VERSION_ID"] : os["VERSION"];
  std::string product = std::string(absl::StripAsciiWhitespace(
      ReadSmallFile("/sys/devices/virtual/dmi/id/product_name")));
  if (!product.empty()) info.model = product;
  info.manufacturer = std::string(absl::StripAsciiWhitespace(
      ReadSmallFile("/sys/devices/virtual/dmi/id/sys_vendor")));
  info.app_version = app_version_;
  info.language = internal::LocaleLanguage();
  long cpus = ::sysconf(_SC_NPROCESSORS_ONLN);  // NOLINT(runtime/int)
  if (cpus > 0) info.cpu_count = cpus;
  long pages = ::sysconf(_SC_PHYS_PAGES);  // NOLINT(runtime/int)
  long page_size = ::sysconf(_SC_PAGESIZE);  // NOLINT(runtime/int)
  if (pages > 0 && page_size > 0) {
    info.memory_mb = static_cast<int64_t>(pages) * page_size / (1024 * 1024);
  }
  return info;
}

}  // namespace telegate::desktop
