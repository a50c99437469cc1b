#include "telegate/desktop/desktop_access_context.h"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "fact_files.h"

namespace telegate::desktop {

namespace {

// fe80::/10 link-local addresses only mean something on their own link.
bool IsLinkLocalV6(absl::string_view a) {
  return a.size() >= 4 && absl::ascii_tolower(a[0]) == 'f' &&
         absl::ascii_tolower(a[1]) == 'e' &&
         (a[2] == '8' || a[2] == '9' || absl::ascii_tolower(a[2]) == 'a' ||
          absl::ascii_tolower(a[2]) == 'b');
}

}  // namespace

DesktopAccessContext::DesktopAccessContext(std::string user_agent)
    : user_agent_(std::move(user_agent)) {}

std::string DesktopAccessContext::PickAddress(
    const std::vector<InterfaceAddress>& addresses) {
  for (bool want_v6 : {false, true}) {
    for (const InterfaceAddress& a : addresses) {
      if (!a.up || a.loopback || a.ipv6 != want_v6 || a.address.empty()) {
        continue;
      }
      if (a.ipv6 && (IsLinkLocalV6(a.address) || a.address == "::1")) continue;
      if (!a.ipv6 && absl::StartsWith(a.address, "127.")) continue;
      return a.address;
    }
  }
  return "";
}

absl::StatusOr<AccessInfo> DesktopAccessContext::Read() {
  AccessInfo info;
  info.browser = user_agent_;
  info.language = internal::LocaleLanguage();
  struct ifaddrs* list = nullptr;
  if (::getifaddrs(&list) != 0) {
    info.warnings.push_back("getifaddrs failed: no local address");
    return info;
  }
  std::vector<InterfaceAddress> addresses;
  for (struct ifaddrs* i = list; i != nullptr; i = i->ifa_next) {
    if (i->ifa_addr == nullptr) continue;
    int family = i->ifa_addr->sa_family;
    if (family != AF_INET && family != AF_INET6) continue;
    char text[INET6_ADDRSTRLEN] = {};
    const void* raw =
        family == AF_INET
            ? static_cast<const void*>(
                  &reinterpret_cast<sockaddr_in*>(i->ifa_addr)->sin_addr)
            : static_cast<const void*>(
                  &reinterpret_cast<sockaddr_in6*>(i->ifa_addr)->sin6_addr);
    if (::inet_ntop(family, raw, text, sizeof(text)) == nullptr) continue;
    InterfaceAddress a;
    a.interface = i->ifa_name != nullptr ? i->ifa_name : "";
    a.up = (i->ifa_flags & IFF_UP) != 0;
    a.loopback = (i->ifa_flags & IFF_LOOPBACK) != 0;
    a.ipv6 = family == AF_INET6;
    a.address = text;
    addresses.push_back(std::move(a));
  }
  ::freeifaddrs(list);
  info.ip = PickAddress(addresses);
  if (info.ip.empty()) info.warnings.push_back("no usable local address");
  return info;
}

}  // namespace telegate::desktop
