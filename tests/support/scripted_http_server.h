// ScriptedHttpServer: a loopback TCP server that answers each HTTP request
// with bytes the test chooses — including answers no real server would give
// (garbage, truncated, oversized, nothing at all).
//
//   ScriptedHttpServer server;
//   server.SetAnswer("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
//   client->SetEndpoints({{server.url(), "CN"}});
#ifndef TELEGATE_TESTS_SUPPORT_SCRIPTED_HTTP_SERVER_H_
#define TELEGATE_TESTS_SUPPORT_SCRIPTED_HTTP_SERVER_H_

#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace telegate::testing {

// Thread-safe. Serves one connection at a time.
class ScriptedHttpServer {
 public:
  // Listens on 127.0.0.1, on a free port.
  ScriptedHttpServer();
  ~ScriptedHttpServer();

  // The raw bytes written back for each request (then the connection
  // closes). An empty answer closes without writing anything.
  void SetAnswer(std::string raw);
  // Or computed from the request body.
  void SetAnswerFn(std::function<std::string(const std::string& body)> fn);

  std::string url() const;
  int port() const { return port_; }
  int requests() const { return requests_.load(); }
  // Connections accepted, whether or not a whole request followed.
  int connections() const { return connections_.load(); }
  // Bodies received, in order.
  std::vector<std::string> bodies() const;

  // An HTTP/1.1 response with the given status line and body.
  static std::string Http(int status, const std::string& body,
                          const std::string& extra_headers = "");

 private:
  void Serve();
  void HandleConnection(int fd);

  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> requests_{0};
  std::atomic<int> connections_{0};
  mutable std::mutex mu_;
  std::function<std::string(const std::string&)> answer_;
  std::vector<std::string> bodies_;
  std::thread thread_;
};

}  // namespace telegate::testing

#endif  // TELEGATE_TESTS_SUPPORT_SCRIPTED_HTTP_SERVER_H_
