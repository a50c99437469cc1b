// DesktopAccessContext: log.access on Linux — the machine's address on its
// active network (getifaddrs(3): the first IPv4 address of an interface that
// is up, else its first global IPv6 one; loopback and link-local excluded),
// the locale's language and the host's user agent.
//
//   telegate::desktop::DesktopAccessContext access("telegate-demo/0.1");
//   env.access = &access;
#ifndef TELEGATE_DESKTOP_DESKTOP_ACCESS_CONTEXT_H_
#define TELEGATE_DESKTOP_DESKTOP_ACCESS_CONTEXT_H_

#include <string>
#include <vector>

#include "telegate/access_context.h"
#include "telegate/export.h"

namespace telegate::desktop {

// One address of one interface, as getifaddrs reports it.
struct InterfaceAddress {
  std::string interface;
  bool up = false;
  bool loopback = false;
  bool ipv6 = false;
  std::string address;  // numeric form
};

// Thread-safe (stateless apart from its constant user agent).
class TELEGATE_EXPORT DesktopAccessContext : public AccessContext {
 public:
  explicit DesktopAccessContext(std::string user_agent = "");

  absl::StatusOr<AccessInfo> Read() override;

  // The address Read reports among `addresses`; "" if none qualifies.
  static std::string PickAddress(const std::vector<InterfaceAddress>& addresses);

 private:
  const std::string user_agent_;
};

}  // namespace telegate::desktop

#endif  // TELEGATE_DESKTOP_DESKTOP_ACCESS_CONTEXT_H_
