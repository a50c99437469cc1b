// Logger: how the library's messages reach the host's LogHook
// (telegate/log.h), and only there — never stdout or stderr.
//
// Each client owns one Logger. Its writer thread makes it the thread's
// current logger for its whole life (ScopedLogger), as Client::Open does
// while it parses the policy, so code running for a client logs without a
// pointer being handed through every layer, and so do the libraries under
// it (protobuf's log is routed here by RouteLibraryLogs):
//
//   util_internal::ScopedLogger scope(&logger_);       // writer thread start
//   ...
//   util_internal::Log(LogLevel::kWarning, "store: replaced ", file);
//
// Messages name categories, files, endpoints and error codes; never event
// contents, attribute values, identifiers or keys.
#ifndef TELEGATE_UTIL_LOG_H_
#define TELEGATE_UTIL_LOG_H_

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "telegate/log.h"
#include "util/mutex.h"

namespace telegate::util_internal {

// One client's hook and threshold. Thread-safe: calls to the hook are
// serialized, an exception from it is dropped, and a message logged from
// inside the hook (on the same thread) is dropped rather than deadlocking.
class Logger {
 public:
  // An empty `hook` logs nothing.
  Logger(LogHook hook, LogLevel min_level)
      : hook_(std::move(hook)), min_level_(min_level) {}
  Logger(const Logger&) = delete;
  Logger& operator=(const Logger&) = delete;

  bool Enabled(LogLevel level) const {
    return hook_ != nullptr && level >= min_level_;
  }
  // Hands `message` to the hook if Enabled(level).
  void Log(LogLevel level, absl::string_view message) const;

 private:
  const LogHook hook_;
  const LogLevel min_level_;
  mutable Mutex mu_;
};

// Makes `logger` (borrowed; may be null) the current thread's logger for
// this scope, restoring the previous one after.
class ScopedLogger {
 public:
  explicit ScopedLogger(const Logger* logger);
  ~ScopedLogger();
  ScopedLogger(const ScopedLogger&) = delete;
  ScopedLogger& operator=(const ScopedLogger&) = delete;

 private:
  const Logger* const previous_;
};

// The current thread's logger, or null.
const Logger* CurrentLogger();

// True if a message at `level` would reach a hook from this thread.
inline bool LogEnabled(LogLevel level) {
  const Logger* logger = CurrentLogger();
  return logger != nullptr && logger->Enabled(level);
}

// Concatenates `pieces` (absl::StrCat) and hands them to the current
// thread's logger; formats nothing when no hook takes `level`.
template <typename... Pieces>
void Log(LogLevel level, const Pieces&... pieces) {
  const Logger* logger = CurrentLogger();
  if (logger == nullptr || !logger->Enabled(level)) return;
  logger->Log(level, absl::StrCat(pieces...));
}

// Once per process (later calls do nothing): routes what protobuf logs to
// the current thread's logger when there is one — a message while working
// for a client goes to that client's hook, or nowhere — and anything else
// to the handler that was installed before (the host's own, or protobuf's
// default), so the host's use of protobuf is unchanged. A handler the host
// installs later replaces this one (protobuf has a single handler).
void RouteLibraryLogs();

}  // namespace telegate::util_internal

#endif  // TELEGATE_UTIL_LOG_H_
