#include "telegate/desktop/curl_transport.h"

#include <curl/curl.h>
#include <malloc.h>
#include <openssl/crypto.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>

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

// libcurl's memory, wiped when freed: libcurl copies a request body into
// buffers of its own (a small body goes into the request's header buffer,
// which grows by reallocation; a large one through its upload buffer).
void WipingFree(void* p) {
  if (p == nullptr) return;
  OPENSSL_cleanse(p, malloc_usable_size(p));
  std::free(p);
}
void* WipingMalloc(size_t size) { return std::malloc(size); }
void* WipingRealloc(void* p, size_t size) {
  if (p == nullptr) return std::malloc(size);
  const size_t old = malloc_usable_size(p);
  if (size <= old) return p;
  void* bigger = std::malloc(size);
  if (bigger == nullptr) return nullptr;
  std::memcpy(bigger, p, old);
  WipingFree(p);
  return bigger;
}
char* WipingStrdup(const char* s) {
  const size_t size = std::strlen(s) + 1;
  char* copy = static_cast<char*>(std::malloc(size));
  if (copy != nullptr) std::memcpy(copy, s, size);
  return copy;
}
void* WipingCalloc(size_t n, size_t size) { return std::calloc(n, size); }

long Millis(absl::Duration d) {  // NOLINT(runtime/int): libcurl's type
  return static_cast<long>(absl::ToInt64Milliseconds(d));  // NOLINT
}

}  // namespace

absl::StatusOr<std::unique_ptr<CurlTransport>> CurlTransport::Create(
    const CurlTransportOptions& options) {
  // The wiping allocator applies if this is the first initialisation of
  // libcurl in the process (a later one keeps the first one's functions).
  static const CURLcode init =
      curl_global_init_mem(CURL_GLOBAL_DEFAULT, WipingMalloc, WipingFree,
                           WipingRealloc, WipingStrdup, WipingCalloc);
  if (init != CURLE_OK) {
    return absl::InternalError(
        std::string("libcurl initialisation failed: ") +
        curl_easy_strerror(init));
  }
  return std::unique_ptr<CurlTransport>(new CurlTransport(options));
}

UploadResponse CurlTransport::Send(const UploadRequest& request) {
  absl::Status valid = ValidateEndpointUrl(request.url);
  if (!valid.ok()) return Failure(std::string(valid.message()));
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
    raw_headers =
        curl_slist_append(raw_headers, (name + ": " + value).c_str());
  }
  // No "Expect: 100-continue" round trip.
  raw_headers = curl_slist_append(raw_headers, "Expect:");
  std::unique_ptr<curl_slist, void (*)(curl_slist*)> headers(
      raw_headers, curl_slist_free_all);

  Sink sink;
  char error[CURL_ERROR_SIZE] = {0};
  CURL* e = easy.get();
  curl_easy_setopt(e, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_POST, 1L);
  curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE,
                   static_cast<curl_off_t>(request.body.size()));
  curl_easy_setopt(e, CURLOPT_POSTFIELDS, request.body.data());
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &WriteBody);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(e, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, Millis(options_.connect_timeout));
  curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, Millis(options_.timeout));
  // A loopback collector is reached directly, whatever proxy is configured.
  curl_easy_setopt(e, CURLOPT_NOPROXY, "localhost,127.0.0.1,::1");
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
