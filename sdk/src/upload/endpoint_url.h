// Endpoint URL checks: https only, except plain http to a loopback host.
//
//   absl::StatusOr<ParsedUrl> url = ParseEndpointUrl("http://127.0.0.1:8080/b");
//   if (url.ok() && url->loopback) ...
#ifndef TELEGATE_UPLOAD_ENDPOINT_URL_H_
#define TELEGATE_UPLOAD_ENDPOINT_URL_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace telegate::upload_internal {

struct ParsedUrl {
  bool https = false;
  std::string host;  // lower case; an IPv6 literal keeps its brackets
  int port = 0;      // 0 when the URL names none
  bool loopback = false;
};

// Parses an absolute http(s) URL strictly enough to judge where it goes:
// no user info, no control characters or spaces, a non-empty host, a port
// in 1..65535. Accepts any scheme case. kInvalidArgument otherwise.
absl::StatusOr<ParsedUrl> ParseEndpointUrl(absl::string_view url);

// True for localhost, 127.0.0.0/8 written as a dotted quad, and [::1].
bool IsLoopbackHost(absl::string_view host);

// True for a two-letter upper-case region code such as "CN".
bool IsRegionCode(absl::string_view region);

}  // namespace telegate::upload_internal

#endif  // TELEGATE_UPLOAD_ENDPOINT_URL_H_
