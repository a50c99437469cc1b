// Endpoint URL checks behind telegate::ParseEndpointUrl (telegate/upload.h):
// https anywhere, plain http only to a literal loopback address, and host
// syntax strict enough that every HTTP stack reads the same host.
//
//   if (upload_internal::IsCanonicalIpv4("127.0.0.2")) ...   // true
//   if (upload_internal::IsCanonicalIpv4("127.0.0.08")) ...  // false
#ifndef TELEGATE_UPLOAD_ENDPOINT_URL_H_
#define TELEGATE_UPLOAD_ENDPOINT_URL_H_

#include "absl/strings/string_view.h"

namespace telegate::upload_internal {

// True for exactly four dot-separated decimal groups, each 0-255 and
// written without leading zeros ("0" itself is fine): the only IPv4 form
// that inet_pton, libcurl and every other reader agree on.
bool IsCanonicalIpv4(absl::string_view host);

// True for a canonical dotted quad in 127.0.0.0/8.
bool IsLoopbackIpv4(absl::string_view host);

// True for a two-letter upper-case region code such as "CN".
bool IsRegionCode(absl::string_view region);

}  // namespace telegate::upload_internal

#endif  // TELEGATE_UPLOAD_ENDPOINT_URL_H_
