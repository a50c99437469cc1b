#include "telegate/desktop/desktop_network_info.h"

#include <dirent.h>
#include <sys/stat.h>

#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "fact_files.h"

namespace telegate::desktop {

namespace {

constexpr int kArphrdEther = 1;
constexpr int kArphrdLoopback = 772;
constexpr size_t kMaxInterfaces = 256;

enum class Kind { kWifi, kEthernet, kCellular, kOther };

bool Exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

std::string ReadValue(const std::string& path) {
  std::string data;
  internal::ReadBoundedFile(path, 4096, &data);
  return std::string(absl::StripAsciiWhitespace(data));
}

}  // namespace

DesktopNetworkInfo::DesktopNetworkInfo(DeviceScript* script, std::string root)
    : script_(script), root_(std::move(root)) {}

absl::StatusOr<CarrierInfo> DesktopNetworkInfo::Carrier() {
  CarrierInfo info;
  if (script_ != nullptr) {
    absl::StatusOr<CarrierInfo> op = script_->ReadCarrier();
    if (op.ok()) {
      info = *std::move(op);
    } else if (!absl::IsNotFound(op.status())) {
      info.warnings.push_back(std::string(op.status().message()));
    }
  }
  const std::string dir = root_ + "/sys/class/net";
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) {
    info.warnings.push_back(absl::StrCat("cannot list ", dir));
    return info;
  }
  std::vector<Kind> up;
  size_t seen = 0;
  while (struct dirent* entry = ::readdir(d)) {
    std::string name = entry->d_name;
    if (name == "." || name == "..") continue;
    if (++seen > kMaxInterfaces) break;
    const std::string base = absl::StrCat(dir, "/", name);
    int type = 0;
    if (!absl::SimpleAtoi(ReadValue(base + "/type"), &type)) {
      info.warnings.push_back(absl::StrCat("interface ", name, " has no type"));
      continue;
    }
    if (type == kArphrdLoopback) continue;
    std::string state = ReadValue(base + "/operstate");
    // Point-to-point links often say "unknown" while carrying traffic.
    bool is_up = state == "up" ||
                 (state == "unknown" && ReadValue(base + "/carrier") == "1");
    if (!is_up) continue;
    std::string uevent = ReadValue(base + "/uevent");
    Kind kind = Kind::kOther;
    if (Exists(base + "/wireless") || Exists(base + "/phy80211") ||
        absl::StrContains(uevent, "DEVTYPE=wlan")) {
      kind = Kind::kWifi;
    } else if (absl::StrContains(uevent, "DEVTYPE=wwan") ||
               absl::StartsWith(name, "wwan")) {
      kind = Kind::kCellular;
    } else if (type == kArphrdEther) {
      kind = Kind::kEthernet;
    }
    up.push_back(kind);
  }
  ::closedir(d);
  info.interface_count = static_cast<int64_t>(up.size());
  auto any = [&up](Kind k) {
    for (Kind u : up) {
      if (u == k) return true;
    }
    return false;
  };
  info.network_type = up.empty()                ? "none"
                      : any(Kind::kWifi)        ? "wifi"
                      : any(Kind::kEthernet)    ? "ethernet"
                      : any(Kind::kCellular)    ? "cellular"
                                                : "other";
  return info;
}

}  // namespace telegate::desktop
