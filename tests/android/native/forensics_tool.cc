// telegate_android_forensics: the C++ forensic helpers (tests/support/
// forensics.h) as a program, for the JVM tests that prove a revoke on the
// bytes. The revoke itself goes through Java; this only looks at files.
//
//   telegate_android_forensics pages DB HEXKEY MARKER   -> "pages=N"
//   telegate_android_forensics rows DB HEXKEY           -> "rows=N"
//   telegate_android_forensics files DIR MARKER         -> "files=N" + paths
//
// Prints "error <status>" and exits 2 when the file cannot be read with
// the key (kDataLoss for a wrong key).
#include <cstdio>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "support/forensics.h"
#include "telegate/secret_bytes.h"

namespace {

telegate::SecretBytes KeyFromHex(const std::string& hex) {
  std::string bytes = absl::HexStringToBytes(hex);
  telegate::SecretBytes key(bytes.data(), bytes.size());
  return key;
}

int Usage() {
  std::fprintf(stderr,
               "usage: telegate_android_forensics pages DB HEXKEY MARKER | "
               "rows DB HEXKEY | files DIR MARKER\n");
  return 64;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return Usage();
  const std::string command = argv[1];
  if (command == "pages" && argc == 5) {
    absl::StatusOr<int> pages = telegate::testing::DecryptedPagesContaining(
        argv[2], KeyFromHex(argv[3]), argv[4]);
    if (!pages.ok()) {
      std::printf("error %s\n", pages.status().ToString().c_str());
      return 2;
    }
    std::printf("pages=%d\n", *pages);
    return 0;
  }
  if (command == "rows" && argc == 4) {
    absl::StatusOr<int64_t> rows =
        telegate::testing::CountEventRows(argv[2], KeyFromHex(argv[3]));
    if (!rows.ok()) {
      std::printf("error %s\n", rows.status().ToString().c_str());
      return 2;
    }
    std::printf("rows=%lld\n", static_cast<long long>(*rows));
    return 0;
  }
  if (command == "files" && argc == 4) {
    std::vector<std::string> files =
        telegate::testing::FilesContaining(argv[2], argv[3]);
    std::printf("files=%zu\n", files.size());
    for (const std::string& f : files) std::printf("%s\n", f.c_str());
    return 0;
  }
  return Usage();
}
