#include "telegate/desktop/curl_transport.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstring>
#include <memory>
#include <mutex>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace telegate::desktop {

namespace {

// What the cancel handler may touch: the multi handle, while it lives.
struct Waker {
  std::mutex mu;
  CURLM* multi = nullptr;
  void Wake() {
    std::lock_guard<std::mutex> lock(mu);
    if (multi != nullptr) curl_multi_wakeup(multi);
  }
  void Detach() {
    std::lock_guard<std::mutex> lock(mu);
    multi = nullptr;
  }
};

struct Sink {
  std::string body;
  bool overflow = false;
};

size_t WriteBody(char* data, size_t size, size_t n, void* user) {
  Sink* sink = static_cast<Sink*>(user);
  size_t bytes = size * n;
  if (sink->body.size() + bytes > kMaxUploadResponseBytes) {
    sink->overflow = true;
    return 0;  // aborts the transfer (CURLE_WRITE_ERROR)
  }
  sink->body.append(data, bytes);
  return bytes;
}

UploadResponse Failure(std::string error) {
  UploadResponse response;
  response.error = std::move(error);
  return response;
}

long Millis(absl::Duration d) {  // NOLINT(runtime/int): libcurl's type
  return static_cast<long>(absl::ToInt64Milliseconds(d));  // NOLINT
}

// The one address a plain-http batch may be sent to.
struct Pin {
  int family = AF_UNSPEC;
  sockaddr_storage addr = {};
};

bool MakePin(const EndpointAddress& address, Pin* pin) {
  const std::string& ip = address.loopback_address;
  const uint16_t port = htons(static_cast<uint16_t>(address.port));
  if (ip.find(':') == std::string::npos) {
    sockaddr_in* in = reinterpret_cast<sockaddr_in*>(&pin->addr);
    in->sin_family = AF_INET;
    in->sin_port = port;
    if (::inet_pton(AF_INET, ip.c_str(), &in->sin_addr) != 1) return false;
    pin->family = AF_INET;
  } else {
    sockaddr_in6* in6 = reinterpret_cast<sockaddr_in6*>(&pin->addr);
    in6->sin6_family = AF_INET6;
    in6->sin6_port = port;
    if (::inet_pton(AF_INET6, ip.c_str(), &in6->sin6_addr) != 1) return false;
    pin->family = AF_INET6;
  }
  return true;
}

bool SamePlace(const Pin& pin, const curl_sockaddr& target) {
  if (target.family != pin.family) return false;
  if (pin.family == AF_INET) {
    const auto* want = reinterpret_cast<const sockaddr_in*>(&pin.addr);
    const auto* got = reinterpret_cast<const sockaddr_in*>(&target.addr);
    return target.addrlen >= sizeof(sockaddr_in) &&
           got->sin_port == want->sin_port &&
           got->sin_addr.s_addr == want->sin_addr.s_addr;
  }
  const auto* want = reinterpret_cast<const sockaddr_in6*>(&pin.addr);
  const auto* got = reinterpret_cast<const sockaddr_in6*>(&target.addr);
  return target.addrlen >= sizeof(sockaddr_in6) &&
         got->sin6_port == want->sin6_port &&
         std::memcmp(&got->sin6_addr, &want->sin6_addr, sizeof(in6_addr)) == 0;
}

// libcurl asks for every socket it connects: a plain-http transfer gets one
// only for the pinned loopback address (a proxy, a redirect or any other
// destination gets none, so nothing is sent there).
curl_socket_t OpenPinnedSocket(void* user, curlsocktype purpose,
                               curl_sockaddr* target) {
  const Pin* pin = static_cast<const Pin*>(user);
  if (purpose != CURLSOCKTYPE_IPCXN || !SamePlace(*pin, *target)) {
    return CURL_SOCKET_BAD;
  }
  return ::socket(target->family, target->socktype | SOCK_CLOEXEC,
                  target->protocol);
}

using CurlString = std::unique_ptr<char, void (*)(void*)>;

CurlString UrlPart(CURLU* url, CURLUPart part, unsigned int flags) {
  char* value = nullptr;
  if (curl_url_get(url, part, &value, flags) != CURLUE_OK) value = nullptr;
  return CurlString(value, curl_free);
}

// Parses `url` with libcurl's own parser and checks that it reads the same
// scheme, host and port as ParseEndpointUrl did: the URL handed to libcurl
// is that handle, so what was validated is what libcurl connects to.
absl::Status AgreeWithLibcurl(const std::string& url,
                              const EndpointAddress& address, CURLU* parsed) {
  if (curl_url_set(parsed, CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) {
    return absl::InvalidArgumentError(
        absl::StrCat("libcurl cannot parse endpoint URL \"", url, "\""));
  }
  CurlString scheme = UrlPart(parsed, CURLUPART_SCHEME, 0);
  CurlString host = UrlPart(parsed, CURLUPART_HOST, 0);
  CurlString port = UrlPart(parsed, CURLUPART_PORT, CURLU_DEFAULT_PORT);
  if (scheme == nullptr || host == nullptr || port == nullptr ||
      absl::AsciiStrToLower(scheme.get()) !=
          (address.https ? "https" : "http") ||
      absl::AsciiStrToLower(host.get()) != address.host ||
      std::string(port.get()) != std::to_string(address.port)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "endpoint URL \"", url, "\": libcurl reads a different host or port"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<CurlTransport>> CurlTransport::Create(
    const CurlTransportOptions& options) {
  static const CURLcode init = curl_global_init(CURL_GLOBAL_DEFAULT);
  if (init != CURLE_OK) {
    return absl::InternalError(std::string("libcurl initialisation failed: ") +
                               curl_easy_strerror(init));
  }
  return std::unique_ptr<CurlTransport>(new CurlTransport(options));
}

UploadResponse CurlTransport::Send(const UploadRequest& request) {
  // Refused here too, whoever built the request: plain http only to a
  // literal loopback address (ParseEndpointUrl).
  absl::StatusOr<EndpointAddress> address = ParseEndpointUrl(request.url);
  if (!address.ok()) return Failure(std::string(address.status().message()));
  std::unique_ptr<CURLU, void (*)(CURLU*)> url(curl_url(), curl_url_cleanup);
  if (!url) return Failure("cannot create a libcurl URL handle");
  absl::Status agreed = AgreeWithLibcurl(request.url, *address, url.get());
  if (!agreed.ok()) return Failure(std::string(agreed.message()));
  Pin pin;
  if (!address->https && !MakePin(*address, &pin)) {
    return Failure("cannot pin the loopback address");
  }
  if (request.control != nullptr && request.control->cancel_requested()) {
    return Failure("cancelled");
  }
  std::unique_ptr<CURL, void (*)(CURL*)> easy(curl_easy_init(),
                                              curl_easy_cleanup);
  std::unique_ptr<CURLM, CURLMcode (*)(CURLM*)> multi(curl_multi_init(),
                                                      curl_multi_cleanup);
  if (!easy || !multi) return Failure("cannot create libcurl handles");
  curl_slist* raw_headers = nullptr;
  for (const auto& [name, value] : request.headers) {
    raw_headers = curl_slist_append(raw_headers, (name + ": " + value).c_str());
  }
  // No "Expect: 100-continue" round trip.
  raw_headers = curl_slist_append(raw_headers, "Expect:");
  std::unique_ptr<curl_slist, void (*)(curl_slist*)> headers(
      raw_headers, curl_slist_free_all);

  Sink sink;
  char error[CURL_ERROR_SIZE] = {0};
  CURL* e = easy.get();
  curl_easy_setopt(e, CURLOPT_CURLU, url.get());
  const char* protocol = address->https ? "https" : "http";
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, protocol);
  curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, protocol);
  curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_VERBOSE, 0L);
  curl_easy_setopt(e, CURLOPT_NOPROGRESS, 1L);
  if (!address->https) {
    // Plain http goes to the literal loopback address and nowhere else:
    // no proxy (whatever http_proxy, HTTP_PROXY or ALL_PROXY say), and the
    // host is a literal, so there is no name to look up; every socket
    // libcurl opens is checked against that address.
    curl_easy_setopt(e, CURLOPT_PROXY, "");
    curl_easy_setopt(e, CURLOPT_NOPROXY, "*");
    curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, &OpenPinnedSocket);
    curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, &pin);
  }
  // https keeps libcurl's usual proxy handling (https_proxy, no_proxy...):
  // a proxy sees only the TLS tunnel.
  curl_easy_setopt(e, CURLOPT_POST, 1L);
  curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE,
                   static_cast<curl_off_t>(request.body.size()));
  curl_easy_setopt(e, CURLOPT_POSTFIELDS, request.body.data());
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &WriteBody);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(e, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS,
                   Millis(options_.connect_timeout));
  curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, Millis(options_.timeout));
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!options_.ca_file.empty()) {
    curl_easy_setopt(e, CURLOPT_CAINFO, options_.ca_file.c_str());
  }
  if (curl_multi_add_handle(multi.get(), e) != CURLM_OK) {
    return Failure("cannot start the libcurl transfer");
  }

  auto waker = std::make_shared<Waker>();
  waker->multi = multi.get();
  if (request.control != nullptr) {
    request.control->SetCancelHandler([waker] { waker->Wake(); });
  }
  bool cancelled = false;
  int running = 1;
  while (running > 0) {
    if (request.control != nullptr && request.control->cancel_requested()) {
      cancelled = true;
      break;
    }
    if (curl_multi_perform(multi.get(), &running) != CURLM_OK) break;
    if (running > 0) curl_multi_poll(multi.get(), nullptr, 0, 1000, nullptr);
  }
  if (request.control != nullptr) request.control->SetCancelHandler(nullptr);
  waker->Detach();

  CURLcode result = CURLE_FAILED_INIT;
  if (!cancelled) {
    int left = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi.get(), &left)) {
      if (msg->msg == CURLMSG_DONE && msg->easy_handle == e) {
        result = msg->data.result;
      }
    }
  }
  curl_multi_remove_handle(multi.get(), e);
  if (cancelled) return Failure("cancelled");
  if (result != CURLE_OK) {
    if (sink.overflow) return Failure("the answer is larger than allowed");
    return Failure(error[0] != 0 ? std::string(error)
                                 : std::string(curl_easy_strerror(result)));
  }
  long status = 0;  // NOLINT(runtime/int): libcurl's type
  curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
  UploadResponse response;
  response.http_status = static_cast<int>(status);
  response.body = std::move(sink.body);
  return response;
}

}  // namespace telegate::desktop
