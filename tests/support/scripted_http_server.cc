#include "support/scripted_http_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace telegate::testing {

ScriptedHttpServer::ScriptedHttpServer() {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr = {};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) !=
          0 ||
      ::listen(listen_fd_, 16) != 0) {
    std::abort();
  }
  socklen_t len = sizeof(addr);
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  SetAnswer(Http(500, "no answer scripted"));
  thread_ = std::thread([this] { Serve(); });
}

ScriptedHttpServer::~ScriptedHttpServer() {
  stop_ = true;
  thread_.join();
  ::close(listen_fd_);
}

void ScriptedHttpServer::SetAnswer(std::string raw) {
  SetAnswerFn([raw](const std::string&) { return raw; });
}

void ScriptedHttpServer::SetAnswerFn(
    std::function<std::string(const std::string& body)> fn) {
  std::lock_guard<std::mutex> lock(mu_);
  answer_ = std::move(fn);
}

std::string ScriptedHttpServer::url() const {
  return absl::StrCat("http://127.0.0.1:", port_, "/v1/batches");
}

std::vector<std::string> ScriptedHttpServer::bodies() const {
  std::lock_guard<std::mutex> lock(mu_);
  return bodies_;
}

std::string ScriptedHttpServer::Http(int status, const std::string& body,
                                     const std::string& extra_headers) {
  return absl::StrCat("HTTP/1.1 ", status,
                      " Scripted\r\nContent-Length: ", body.size(),
                      "\r\nConnection: close\r\n", extra_headers, "\r\n", body);
}

void ScriptedHttpServer::Serve() {
  while (!stop_) {
    pollfd p = {listen_fd_, POLLIN, 0};
    if (::poll(&p, 1, 20) <= 0) continue;
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    ++connections_;
    HandleConnection(fd);
    ::close(fd);
  }
}

void ScriptedHttpServer::HandleConnection(int fd) {
  std::string data;
  size_t header_end = std::string::npos;
  size_t content_length = 0;
  char buf[4096];
  // Reads the request: headers, then Content-Length bytes of body.
  for (;;) {
    if (header_end != std::string::npos &&
        data.size() >= header_end + 4 + content_length) {
      break;
    }
    pollfd p = {fd, POLLIN, 0};
    if (::poll(&p, 1, 5000) <= 0) return;
    ssize_t n = ::read(fd, buf, sizeof(buf));
    if (n <= 0) return;
    data.append(buf, static_cast<size_t>(n));
    if (header_end == std::string::npos) {
      header_end = data.find("\r\n\r\n");
      if (header_end != std::string::npos) {
        std::string headers = absl::AsciiStrToLower(data.substr(0, header_end));
        size_t at = headers.find("content-length:");
        if (at != std::string::npos) {
          size_t eol = headers.find("\r\n", at);
          std::string value(absl::StripAsciiWhitespace(
              headers.substr(at + 15, eol - at - 15)));
          if (!absl::SimpleAtoi(value, &content_length)) content_length = 0;
        }
      }
    }
  }
  std::string body = data.substr(header_end + 4, content_length);
  std::function<std::string(const std::string&)> answer;
  {
    std::lock_guard<std::mutex> lock(mu_);
    bodies_.push_back(body);
    answer = answer_;
  }
  ++requests_;
  std::string raw = answer(body);
  size_t off = 0;
  while (off < raw.size()) {
    ssize_t n = ::send(fd, raw.data() + off, raw.size() - off, MSG_NOSIGNAL);
    if (n <= 0) break;
    off += static_cast<size_t>(n);
  }
  ::shutdown(fd, SHUT_WR);
}

}  // namespace telegate::testing
