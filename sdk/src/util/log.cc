#include "util/log.h"

#include <atomic>
#include <mutex>
#include <string>

#if __has_include(<google/protobuf/stubs/logging.h>)
#include <google/protobuf/stubs/logging.h>
#define TELEGATE_PROTOBUF_LOG_HANDLER 1
#endif

namespace telegate {

const char* LogLevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return "debug";
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarning:
      return "warning";
    case LogLevel::kError:
      return "error";
  }
  return "unknown";
}

namespace util_internal {

namespace {

thread_local const Logger* current_logger = nullptr;
// Set while this thread runs a hook: what it logs is dropped.
thread_local bool in_hook = false;

#ifdef TELEGATE_PROTOBUF_LOG_HANDLER
std::atomic<google::protobuf::LogHandler*> previous_protobuf_handler{nullptr};

void RouteProtobufLog(google::protobuf::LogLevel level, const char* filename,
                      int line, const std::string& message) {
  const Logger* logger = CurrentLogger();
  if (logger == nullptr) {
    // Not working for a client: the host's own protobuf use.
    if (google::protobuf::LogHandler* previous =
            previous_protobuf_handler.load()) {
      previous(level, filename, line, message);
    }
    return;
  }
  LogLevel ours = LogLevel::kError;
  switch (level) {
    case google::protobuf::LOGLEVEL_INFO:
      ours = LogLevel::kInfo;
      break;
    case google::protobuf::LOGLEVEL_WARNING:
      ours = LogLevel::kWarning;
      break;
    default:
      break;
  }
  if (logger->Enabled(ours)) logger->Log(ours, "protobuf: " + message);
}
#endif

}  // namespace

void Logger::Log(LogLevel level, absl::string_view message) const {
  if (!Enabled(level) || in_hook) return;
  MutexLock lock(&mu_);
  in_hook = true;
  try {
    hook_(level, message);
  } catch (...) {
    // The host's exception stays in the host's hook.
  }
  in_hook = false;
}

ScopedLogger::ScopedLogger(const Logger* logger) : previous_(current_logger) {
  current_logger = logger;
}

ScopedLogger::~ScopedLogger() { current_logger = previous_; }

const Logger* CurrentLogger() { return current_logger; }

void RouteLibraryLogs() {
#ifdef TELEGATE_PROTOBUF_LOG_HANDLER
  static std::once_flag once;
  std::call_once(once, [] {
    // (A message logged by another thread in the instant between the two
    // stores finds no previous handler and is dropped.)
    previous_protobuf_handler.store(
        google::protobuf::SetLogHandler(&RouteProtobufLog));
  });
#endif
}

}  // namespace util_internal
}  // namespace telegate
