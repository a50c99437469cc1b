// CurlTransport: the desktop Transport, over libcurl.
//
// POSTs a batch and reports what came back; never follows redirects;
// verifies TLS peers against the system's CA store; stops within
// milliseconds when the client cancels the batch (a revoke).
//
// Plain http goes only to a literal loopback address (ParseEndpointUrl in
// telegate/upload.h), checked again here whoever built the request: the URL
// is parsed by libcurl too and refused unless both read the same host and
// port; the transfer ignores every proxy setting, needs no name lookup, and
// may open a socket to that address and port alone. https uses libcurl's
// usual proxy handling (https_proxy, all_proxy, no_proxy).
//
//   absl::StatusOr<std::unique_ptr<telegate::desktop::CurlTransport>> t =
//       telegate::desktop::CurlTransport::Create({});
//   telegate::RunUploads(*client, **t, absl::Seconds(30));
#ifndef TELEGATE_DESKTOP_CURL_TRANSPORT_H_
#define TELEGATE_DESKTOP_CURL_TRANSPORT_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "telegate/export.h"
#include "telegate/transport.h"

namespace telegate::desktop {

struct CurlTransportOptions {
  absl::Duration connect_timeout = absl::Seconds(10);
  // The whole exchange, request and answer.
  absl::Duration timeout = absl::Seconds(60);
  // A PEM bundle of trusted CAs; empty: libcurl's default (the system's).
  std::string ca_file;
};

// Thread-safe: each Send uses its own libcurl handles.
class TELEGATE_EXPORT CurlTransport final : public Transport {
 public:
  // Initialises libcurl once per process. kInternal if it cannot.
  static absl::StatusOr<std::unique_ptr<CurlTransport>> Create(
      const CurlTransportOptions& options);

  UploadResponse Send(const UploadRequest& request) override;

 private:
  explicit CurlTransport(const CurlTransportOptions& options)
      : options_(options) {}

  const CurlTransportOptions options_;
};

}  // namespace telegate::desktop

#endif  // TELEGATE_DESKTOP_CURL_TRANSPORT_H_
