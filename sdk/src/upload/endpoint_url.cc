#include "upload/endpoint_url.h"

#include <cctype>

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

bool IsDottedQuadIn127(absl::string_view host) {
  std::vector<absl::string_view> parts = absl::StrSplit(host, '.');
  if (parts.size() != 4) return false;
  for (size_t i = 0; i < parts.size(); ++i) {
    absl::string_view p = parts[i];
    if (p.empty() || p.size() > 3) return false;
    for (char c : p) {
      if (c < '0' || c > '9') return false;
    }
    int v = 0;
    if (!absl::SimpleAtoi(p, &v) || v > 255) return false;
    if (i == 0 && v != 127) return false;
  }
  return true;
}

}  // namespace

bool IsLoopbackHost(absl::string_view host) {
  return host == "localhost" || host == "[::1]" || IsDottedQuadIn127(host);
}

bool IsRegionCode(absl::string_view region) {
  return region.size() == 2 &&
         absl::ascii_isupper(static_cast<unsigned char>(region[0])) &&
         absl::ascii_isupper(static_cast<unsigned char>(region[1]));
}

absl::StatusOr<ParsedUrl> ParseEndpointUrl(absl::string_view url) {
  for (char c : url) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f) {
      return Bad(url, "contains a space or control character");
    }
  }
  size_t sep = url.find("://");
  if (sep == absl::string_view::npos) return Bad(url, "has no scheme");
  std::string scheme = absl::AsciiStrToLower(url.substr(0, sep));
  ParsedUrl parsed;
  if (scheme == "https") {
    parsed.https = true;
  } else if (scheme != "http") {
    return Bad(url, "must use https");
  }
  absl::string_view rest = url.substr(sep + 3);
  size_t end = rest.find_first_of("/?#");
  absl::string_view authority = rest.substr(0, end);
  if (authority.find('@') != absl::string_view::npos) {
    return Bad(url, "must not carry user information");
  }
  absl::string_view host = authority;
  absl::string_view port;
  if (absl::StartsWith(authority, "[")) {
    size_t close = authority.find(']');
    if (close == absl::string_view::npos) return Bad(url, "has a bad IPv6 host");
    host = authority.substr(0, close + 1);
    absl::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after[0] != ':') return Bad(url, "has a bad IPv6 host");
      port = after.substr(1);
    }
  } else {
    size_t colon = authority.find(':');
    if (colon != absl::string_view::npos) {
      host = authority.substr(0, colon);
      port = authority.substr(colon + 1);
    }
  }
  if (host.empty() || host == "[]") return Bad(url, "has no host");
  if (!port.empty() || authority.back() == ':') {
    int p = 0;
    for (char c : port) {
      if (c < '0' || c > '9') return Bad(url, "has a bad port");
    }
    if (port.empty() || port.size() > 5 || !absl::SimpleAtoi(port, &p) ||
        p < 1 || p > 65535) {
      return Bad(url, "has a bad port");
    }
    parsed.port = p;
  }
  parsed.host = absl::AsciiStrToLower(host);
  parsed.loopback = IsLoopbackHost(parsed.host);
  return parsed;
}

}  // namespace upload_internal

absl::Status ValidateEndpointUrl(absl::string_view url) {
  absl::StatusOr<upload_internal::ParsedUrl> parsed =
      upload_internal::ParseEndpointUrl(url);
  if (!parsed.ok()) return parsed.status();
  if (!parsed->https && !parsed->loopback) {
    return absl::InvalidArgumentError(absl::StrCat(
        "endpoint URL \"", url,
        "\" must use https (plain http is only accepted for a loopback "
        "host)"));
  }
  return absl::OkStatus();
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
    case UploadVerdict::kAcknowledged: return "acknowledged";
    case UploadVerdict::kRetry: return "retry";
    case UploadVerdict::kRejected: return "rejected";
    case UploadVerdict::kDiscarded: return "discarded";
  }
  return "unknown";
}

}  // namespace telegate
