// DemoSession: the sample host app's brain — a Telegate client on a desktop
// Env, driven by one text command at a time. telegate-demo feeds it stdin;
// tests feed it strings.
//
// Every command is answered by one line that starts with "ok" or "error:".
// `status` answers "ok status <N>" followed by N lines, each indented by two
// spaces.
#ifndef TELEGATE_EXAMPLES_DEMO_DEMO_SESSION_H_
#define TELEGATE_EXAMPLES_DEMO_DEMO_SESSION_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "catalog/catalog.h"
#include "telegate/desktop/curl_transport.h"
#include "telegate/desktop/desktop_env.h"
#include "telegate/telegate.h"

namespace telegate::demo {

struct DemoOptions {
  std::string data_dir;
  std::string key_dir;  // default: <data_dir>/keys
  Platform platform = Platform::kAndroid;
  int os_level = 34;
  // A serialized telegate.proto.Policy; empty: the built-in default.
  std::string policy_document;
  // The desktop's location, Wi-Fi, Bluetooth, cell, usage and operator
  // source (see telegate/desktop/device_script.h); empty: none.
  std::string device_script;
  // The client's log hook and level (ClientOptions::log); empty: silent.
  LogHook log;
  LogLevel log_level = LogLevel::kInfo;
};

// Thread-compatible: one command at a time.
class DemoSession {
 public:
  // Opens the client. Errors are the client's (missing data dir, wrong key).
  static absl::StatusOr<std::unique_ptr<DemoSession>> Create(
      const DemoOptions& options);
  ~DemoSession();

  // Runs one command line. Blank lines and '#' comments answer nothing.
  std::vector<std::string> Execute(absl::string_view line);
  // True after `quit`.
  bool done() const { return done_; }

  Client* client() { return client_.get(); }

 private:
  DemoSession() = default;
  std::string Consent(const std::vector<std::string>& words);
  std::string Os(const std::vector<std::string>& words);
  std::string Track(const std::vector<std::string>& words);
  std::vector<std::string> Status();
  std::string Flush();
  std::string RotateKeys();
  std::string Switch(const std::vector<std::string>& words);
  std::string Ledger();
  std::string Collect(const std::vector<std::string>& words);
  std::string Export(const std::vector<std::string>& words);
  std::string Restart();
  absl::Status OpenClient();
  // Upload commands (demo_upload.cc).
  std::string EndpointCommand(const std::vector<std::string>& words);
  std::string CrossBorder(const std::vector<std::string>& words);
  std::string Upload();
  // Sends what is buffered to the endpoints; " uploaded=N batches=M ...".
  absl::StatusOr<std::string> RunUploadsForDemo();

  DemoOptions options_;
  std::shared_ptr<const catalog_internal::Catalog> catalog_;
  std::unique_ptr<desktop::DesktopEnv> env_;
  std::unique_ptr<Client> client_;
  std::vector<Endpoint> endpoints_;
  std::unique_ptr<desktop::CurlTransport> transport_;
  bool done_ = false;
};

// Where the desktop "OS" keeps its permission table for a data directory.
std::string PermissionStateFile(const std::string& data_dir);

}  // namespace telegate::demo

#endif  // TELEGATE_EXAMPLES_DEMO_DEMO_SESSION_H_
