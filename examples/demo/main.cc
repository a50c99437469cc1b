// telegate-demo: the sample host app. A line-oriented REPL on stdin.
//
//   telegate-demo --data-dir DIR [--key-dir DIR] [--platform android|ios]
//                 [--os-level N] [--policy FILE] [--device-script FILE]
//                 [--log-level debug|info|warning|error]
//
// Each command is answered by one line starting with "ok" or "error:"; see
// demo_session.h and the README for the commands. With --log-level, the
// client's log messages at that level and above go to stderr, one line each:
// "telegate <level>: <message>".
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

#include "absl/strings/numbers.h"
#include "demo_session.h"

namespace {

int UsageError(const std::string& message) {
  std::cerr
      << "telegate-demo: " << message << "\n"
      << "usage: telegate-demo --data-dir DIR [--key-dir DIR] "
         "[--platform android|ios] [--os-level N] [--policy FILE] "
         "[--device-script FILE] [--log-level debug|info|warning|error]\n"
         "  --policy FILE: a binary telegate.proto.Policy (encode a text\n"
         "  policy with protoc --encode=telegate.proto.Policy)\n"
         "  --device-script FILE: what the desktop's location, Wi-Fi,\n"
         "  Bluetooth and cell radios see, one record per line, e.g.\n"
         "    location lat=31.2304 lon=121.4737 accuracy=8 region=CN-SH\n"
         "    wifi bssid=00:11:22:33:44:55 ssid=\"Cafe\" rssi=-61 freq=2412\n"
         "    bluetooth address=AA:BB:CC:DD:EE:FF name=Buds rssi=-70\n"
         "    cell radio=lte mcc=460 mnc=0 area=4660 cid=12345 dbm=-95\n"
         "    usage package=com.example.shop foreground_ms=120000\n"
         "    carrier name=\"China Mobile\" mcc=460 mnc=0\n"
         "  (re-read at every collection; see the README)\n"
         "  --log-level LEVEL: print the client's log messages at LEVEL\n"
         "  and above to stderr (default: none)\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  telegate::demo::DemoOptions options;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&](std::string* out) {
      if (i + 1 >= argc) return false;
      *out = argv[++i];
      return true;
    };
    std::string v;
    if (arg == "--data-dir") {
      if (!value(&options.data_dir))
        return UsageError("--data-dir needs a value");
    } else if (arg == "--key-dir") {
      if (!value(&options.key_dir))
        return UsageError("--key-dir needs a value");
    } else if (arg == "--platform") {
      if (!value(&v) || (v != "android" && v != "ios")) {
        return UsageError("--platform takes android or ios");
      }
      options.platform =
          v == "ios" ? telegate::Platform::kIos : telegate::Platform::kAndroid;
    } else if (arg == "--os-level") {
      if (!value(&v) || !absl::SimpleAtoi(v, &options.os_level)) {
        return UsageError("--os-level takes a number");
      }
    } else if (arg == "--policy") {
      if (!value(&v)) return UsageError("--policy needs a file");
      std::ifstream in(v, std::ios::binary);
      if (!in) return UsageError("cannot read policy file " + v);
      options.policy_document.assign(std::istreambuf_iterator<char>(in),
                                     std::istreambuf_iterator<char>());
    } else if (arg == "--device-script") {
      if (!value(&options.device_script)) {
        return UsageError("--device-script needs a file");
      }
    } else if (arg == "--log-level") {
      const telegate::LogLevel levels[] = {
          telegate::LogLevel::kDebug, telegate::LogLevel::kInfo,
          telegate::LogLevel::kWarning, telegate::LogLevel::kError};
      bool known = false;
      if (value(&v)) {
        for (telegate::LogLevel level : levels) {
          if (v == telegate::LogLevelName(level)) {
            options.log_level = level;
            known = true;
          }
        }
      }
      if (!known) {
        return UsageError("--log-level takes debug, info, warning or error");
      }
      // The host app's choice: the library itself never writes to stderr.
      options.log = [](telegate::LogLevel level, absl::string_view message) {
        std::cerr << "telegate " << telegate::LogLevelName(level) << ": "
                  << message << std::endl;
      };
    } else if (arg == "--help" || arg == "-h") {
      return UsageError("help");
    } else {
      return UsageError("unknown argument " + arg);
    }
  }
  if (options.data_dir.empty()) return UsageError("--data-dir is required");

  absl::StatusOr<std::unique_ptr<telegate::demo::DemoSession>> session =
      telegate::demo::DemoSession::Create(options);
  if (!session.ok()) {
    std::cout << "error: " << session.status().message() << std::endl;
    return 1;
  }
  std::string line;
  while (!(*session)->done() && std::getline(std::cin, line)) {
    for (const std::string& out : (*session)->Execute(line)) {
      std::cout << out << "\n";
    }
    std::cout.flush();
  }
  return 0;
}
