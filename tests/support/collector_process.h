// CollectorProcess: a telegate-collector program run as a child process
// (for the command-line tests and the forwarding bench), its stdout and
// stderr kept in files.
//
//   CollectorProcess collector(TELEGATE_COLLECTOR_BIN, dir.path(),
//                              {"--forward-otlp", receiver->url()});
//   std::string url = collector.WaitForUrl();
//   ...
//   std::string output;
//   int exit_status = collector.Stop(&output);
#ifndef TELEGATE_TESTS_SUPPORT_COLLECTOR_PROCESS_H_
#define TELEGATE_TESTS_SUPPORT_COLLECTOR_PROCESS_H_

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

namespace telegate::testing {

// Thread-compatible.
class CollectorProcess {
 public:
  // Starts `binary` with `args`; its output goes to files in `dir`.
  CollectorProcess(const std::string& binary, const std::string& dir,
                   std::vector<std::string> args);
  // Kills it (SIGKILL) if it still runs.
  ~CollectorProcess();
  CollectorProcess(const CollectorProcess&) = delete;
  CollectorProcess& operator=(const CollectorProcess&) = delete;

  // The URL of its "listening <url>" first line, waiting up to 20 s for it
  // ("" if it never came).
  std::string WaitForUrl();
  pid_t pid() const { return pid_; }
  // Its peak resident set so far (VmHWM), in KiB; -1 if unknown.
  int64_t PeakRssKib() const;
  // Stops it with SIGTERM and waits; returns its exit status (-1 if it did
  // not exit normally) and sets *output to its stdout then stderr.
  int Stop(std::string* output);
  // Waits for it to exit by itself; as Stop otherwise.
  int Wait(std::string* output);

 private:
  std::string out_path_;
  std::string err_path_;
  pid_t pid_ = -1;
  bool exited_ = false;
};

}  // namespace telegate::testing

#endif  // TELEGATE_TESTS_SUPPORT_COLLECTOR_PROCESS_H_
