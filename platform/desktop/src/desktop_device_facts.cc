#include "telegate/desktop/desktop_device_facts.h"

#include <sys/utsname.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace telegate::desktop {

namespace {
constexpr size_t kMaxFactFile = 64 << 10;
}

DesktopDeviceFacts::DesktopDeviceFacts(std::string app_version,
                                       std::string root)
    : app_version_(std::move(app_version)), root_(std::move(root)) {}

std::string DesktopDeviceFacts::ReadSmallFile(const std::string& path) const {
  std::ifstream in(root_ + path, std::ios::binary);
  if (!in) return "";
  std::string data(kMaxFactFile, '\0');
  in.read(&data[0], static_cast<std::streamsize>(data.size()));
  data.resize(static_cast<size_t>(in.gcount()));
  return data;
}

std::map<std::string, std::string> DesktopDeviceFacts::ParseOsRelease(
    absl::string_view text) {
  std::map<std::string, std::string> out;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line.front() == '#') continue;
    size_t eq = line.find('=');
    if (eq == absl::string_view::npos || eq == 0) continue;
    absl::string_view key = line.substr(0, eq);
    absl::string_view value = line.substr(eq + 1);
    bool key_ok = true;
    for (char c : key) {
      if (!(absl::ascii_isupper(c) || absl::ascii_isdigit(c) || c == '_')) {
        key_ok = false;
      }
    }
    if (!key_ok) continue;
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
  }
  std::map<std::string, std::string> os =
      ParseOsRelease(ReadSmallFile("/etc/os-release"));
  if (!os["NAME"].empty()) info.os_name = os["NAME"];
  info.os_version = !os["VERSION_ID"].empty() ? os["VERSION_ID"] : os["VERSION"];
  std::string product = std::string(absl::StripAsciiWhitespace(
      ReadSmallFile("/sys/devices/virtual/dmi/id/product_name")));
  if (!product.empty()) info.model = product;
  info.manufacturer = std::string(absl::StripAsciiWhitespace(
      ReadSmallFile("/sys/devices/virtual/dmi/id/sys_vendor")));
  info.app_version = app_version_;
  const char* lang = std::getenv("LC_ALL");
  if (lang == nullptr || *lang == '\0') lang = std::getenv("LANG");
  if (lang != nullptr) {
    absl::string_view l = lang;
    l = l.substr(0, l.find('.'));  // "en_US.UTF-8" -> "en_US"
    info.language = std::string(l);
  }
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
