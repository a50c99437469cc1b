#include "upload/endpoint_url.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "telegate/upload.h"

namespace telegate {
namespace upload_internal {

namespace {

absl::Status Bad(absl::string_view url, absl::string_view why) {
  return absl::InvalidArgumentError(
      absl::StrCat("endpoint URL \"", url, "\" ", why));
}

bool AllDigits(absl::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// A decimal number without leading zeros, at most `max`.
bool ParseCanonicalNumber(absl::string_view s, int max, int* value) {
  if (!AllDigits(s) || s.size() > 5 || (s.size() > 1 && s[0] == '0')) {
    return false;
  }
  return absl::SimpleAtoi(s, value) && *value <= max;
}

// WHATWG's "ends in a number": the last label is decimal digits, or 0x
// followed by hex digits. Such a host is an IPv4 address to URL parsers
// (libcurl normalises 127.1 or 0x7f.1 to 127.0.0.1), never a name.
bool EndsInANumber(absl::string_view host) {
  size_t dot = host.rfind('.');
  absl::string_view last =
      dot == absl::string_view::npos ? host : host.substr(dot + 1);
  if (AllDigits(last)) return true;
  if (last.size() >= 2 && last[0] == '0' &&
      (last[1] == 'x' || last[1] == 'X')) {
    for (char c : last.substr(2)) {
      if (!absl::ascii_isxdigit(static_cast<unsigned char>(c))) return false;
    }
    return true;
  }
  return false;
}

// Dot-separated labels of letters, digits, '-' and '_'; no empty label (so
// no leading, doubled or trailing dot).
bool IsDnsName(absl::string_view host) {
  if (host.empty() || host.size() > 253) return false;
  for (absl::string_view label : absl::StrSplit(host, '.')) {
    if (label.empty() || label.size() > 63) return false;
    for (char c : label) {
      unsigned char u = static_cast<unsigned char>(c);
      if (!absl::ascii_isalnum(u) && c != '-' && c != '_') return false;
    }
  }
  return true;
}

bool IsIpv6Literal(absl::string_view inner) {
  if (inner.empty() || inner.size() > 45) return false;
  for (char c : inner) {
    unsigned char u = static_cast<unsigned char>(c);
    if (!absl::ascii_isxdigit(u) && c != ':' && c != '.') return false;
  }
  in6_addr addr;
  return ::inet_pton(AF_INET6, std::string(inner).c_str(), &addr) == 1;
}

}  // namespace

bool IsCanonicalIpv4(absl::string_view host) {
  std::vector<absl::string_view> parts = absl::StrSplit(host, '.');
  if (parts.size() != 4) return false;
  for (absl::string_view p : parts) {
    int v = 0;
    if (p.size() > 3 || !ParseCanonicalNumber(p, 255, &v)) return false;
  }
  return true;
}

bool IsLoopbackIpv4(absl::string_view host) {
  return IsCanonicalIpv4(host) && absl::StartsWith(host, "127.");
}

bool IsRegionCode(absl::string_view region) {
  return region.size() == 2 &&
         absl::ascii_isupper(static_cast<unsigned char>(region[0])) &&
         absl::ascii_isupper(static_cast<unsigned char>(region[1]));
}

}  // namespace upload_internal

absl::StatusOr<EndpointAddress> ParseEndpointUrl(absl::string_view url) {
  using upload_internal::Bad;
  for (char c : url) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f) {
      return Bad(url, "contains a space, a control or a non-ASCII character");
    }
    if (c == '\\') return Bad(url, "contains a backslash");
  }
  size_t sep = url.find("://");
  if (sep == absl::string_view::npos) return Bad(url, "has no scheme");
  std::string scheme = absl::AsciiStrToLower(url.substr(0, sep));
  EndpointAddress address;
  if (scheme == "https") {
    address.https = true;
  } else if (scheme != "http") {
    return Bad(url, "must use https");
  }
  absl::string_view rest = url.substr(sep + 3);
  absl::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  if (authority.find('@') != absl::string_view::npos) {
    return Bad(url, "must not carry user information");
  }
  if (authority.find('%') != absl::string_view::npos) {
    return Bad(url, "must not percent-encode its host or port");
  }
  absl::string_view host = authority;
  absl::string_view after;  // what follows the host: empty or ":port"
  const bool ipv6 = !authority.empty() && authority[0] == '[';
  if (ipv6) {
    size_t close = authority.find(']');
    if (close == absl::string_view::npos ||
        !upload_internal::IsIpv6Literal(authority.substr(1, close - 1))) {
      return Bad(url, "has a bad IPv6 host");
    }
    host = authority.substr(0, close + 1);
    after = authority.substr(close + 1);
  } else {
    size_t colon = authority.find(':');
    if (colon != absl::string_view::npos) {
      host = authority.substr(0, colon);
      after = authority.substr(colon);
    }
  }
  if (host.empty()) return Bad(url, "has no host");
  address.host = absl::AsciiStrToLower(host);
  if (!ipv6) {
    if (upload_internal::EndsInANumber(address.host)) {
      if (!upload_internal::IsCanonicalIpv4(address.host)) {
        return Bad(url,
                   "has a numeric host that is not four decimal groups "
                   "0-255 without leading zeros");
      }
    } else if (!upload_internal::IsDnsName(address.host)) {
      return Bad(url, "has a bad host name");
    }
  }
  address.port = address.https ? 443 : 80;
  if (!after.empty()) {
    if (after[0] != ':' ||
        !upload_internal::ParseCanonicalNumber(after.substr(1), 65535,
                                               &address.port) ||
        address.port < 1) {
      return Bad(url, "has a bad port");
    }
  }
  if (!address.https) {
    if (address.host == "[::1]") {
      address.loopback_address = "::1";
    } else if (upload_internal::IsLoopbackIpv4(address.host)) {
      address.loopback_address = address.host;
    } else {
      return Bad(url,
                 "must use https (plain http is only accepted to a literal "
                 "loopback address: 127.x.y.z or [::1], never a name)");
    }
  }
  return address;
}

absl::Status ValidateEndpointUrl(absl::string_view url) {
  return ParseEndpointUrl(url).status();
}

absl::Status ValidateEndpoint(const Endpoint& endpoint) {
  absl::Status url = ValidateEndpointUrl(endpoint.url);
  if (!url.ok()) return url;
  if (!upload_internal::IsRegionCode(endpoint.region)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "endpoint ", endpoint.url, ": region \"", endpoint.region,
        "\" must be an ISO 3166 alpha-2 code in upper case, e.g. CN"));
  }
  return absl::OkStatus();
}

const char* UploadVerdictName(UploadVerdict verdict) {
  switch (verdict) {
    case UploadVerdict::kAcknowledged:
      return "acknowledged";
    case UploadVerdict::kRetry:
      return "retry";
    case UploadVerdict::kRejected:
      return "rejected";
    case UploadVerdict::kDiscarded:
      return "discarded";
  }
  return "unknown";
}

}  // namespace telegate
