// AccessContext: what an access log records about the app's connection —
// its IP address, the browser (user agent) and the language — for the
// log.access collector (called only while that category is open; the
// collector adds the time of access).
//
// Android and iOS implement it over their network interfaces, WebView user
// agent and locale; desktop over getifaddrs(3) and the locale variables.
#ifndef TELEGATE_ACCESS_CONTEXT_H_
#define TELEGATE_ACCESS_CONTEXT_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "telegate/export.h"

namespace telegate {

struct AccessInfo {
  std::string ip;        // the device's address on its active network
  std::string browser;   // user agent of the app's web views, "" if none
  std::string language;  // "en_US"
  std::vector<std::string> warnings;  // input problems; see LocationFix
};

// Implementations must be thread-safe.
class TELEGATE_EXPORT AccessContext {
 public:
  virtual ~AccessContext() = default;
  virtual absl::StatusOr<AccessInfo> Read() = 0;
};

}  // namespace telegate

#endif  // TELEGATE_ACCESS_CONTEXT_H_
