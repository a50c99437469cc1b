// Logging: how a host hears what the client does, if it wants to.
//
// The library never writes to the host's stdout or stderr. What it has to
// say goes to the hook the host installs in ClientOptions::log, and nowhere
// at all without one (the default).
//
//   options.log_level = telegate::LogLevel::kWarning;
//   options.log = [](telegate::LogLevel level, absl::string_view message) {
//     MyAppLog(telegate::LogLevelName(level), message);  // quick, no Client
//     calls
//   };
//
// What arrives: stores found unusable and replaced, commit errors and their
// recovery, the consent ledger's entries (grants, revokes, purges with their
// counts), upload failures, and what the libraries underneath report while
// working for the client (SQLite/SQLCipher errors, protobuf parse
// warnings). Messages name categories, files, endpoints and error codes;
// they never carry event contents, attribute values, identifiers or keys.
#ifndef TELEGATE_LOG_H_
#define TELEGATE_LOG_H_

#include <functional>

#include "absl/strings/string_view.h"
#include "telegate/export.h"

namespace telegate {

enum class LogLevel {
  kDebug = 0,    // detail for diagnosing the library itself
  kInfo = 1,     // normal but notable: a purge, a ledger entry
  kWarning = 2,  // recovered: a database replaced, an upload to retry
  kError = 3,    // not recovered: a commit or a purge that failed
};

// Returns a stable lower-case name: "debug", "info", "warning", "error".
TELEGATE_EXPORT const char* LogLevelName(LogLevel level);

// Receives one message (one line, no trailing newline).
//
// Threading: called on the client's writer thread, and on a thread running
// Client::Open while it opens. Calls for one client never overlap (the
// client serializes them), but two clients may call their hooks at the same
// time. The hook must return quickly, must not call into the client (the
// writer thread would wait for itself), and should not throw (an exception
// is caught and dropped). It is copied into the client: whatever it
// captures must outlive the client — until Close returns OK (a Close that
// timed out leaves the writer to finish in the background, and it may
// still log).
using LogHook = std::function<void(LogLevel level, absl::string_view message)>;

}  // namespace telegate

#endif  // TELEGATE_LOG_H_
