#include "support/collector_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "support/child_process.h"

namespace telegate::testing {

namespace {

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

CollectorProcess::CollectorProcess(const std::string& binary,
                                   const std::string& dir,
                                   std::vector<std::string> args)
    : out_path_(dir + "/collector.out"), err_path_(dir + "/collector.err") {
  // Emptied before the child starts, so that nothing an earlier process
  // wrote there is taken for this one's output.
  std::ofstream(out_path_, std::ios::trunc);
  std::ofstream(err_path_, std::ios::trunc);
  // Everything the child needs is made before fork (other threads run);
  // through the emulator in a cross build.
  const ChildCommand child(binary, std::move(args));
  pid_ = ::fork();
  if (pid_ == 0) {
    int out = ::open(out_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = ::open(err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(out, 1);
    ::dup2(err, 2);
    child.Exec();
  }
}

CollectorProcess::~CollectorProcess() {
  if (pid_ > 0 && !exited_) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
}

std::string CollectorProcess::WaitForUrl() {
  constexpr absl::string_view kPrefix = "listening ";
  for (int i = 0; i < 20000 && pid_ > 0; ++i) {
    std::string out = Slurp(out_path_);
    size_t end = out.find('\n');
    if (absl::StartsWith(out, kPrefix) && end != std::string::npos) {
      return out.substr(kPrefix.size(), end - kPrefix.size());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return "";
}

int64_t CollectorProcess::PeakRssKib() const {
  std::ifstream in(absl::StrCat("/proc/", pid_, "/status"));
  std::string line;
  while (std::getline(in, line)) {
    if (absl::StartsWith(line, "VmHWM:")) return std::atoll(line.c_str() + 6);
  }
  return -1;
}

int CollectorProcess::Stop(std::string* output) {
  if (pid_ > 0 && !exited_) ::kill(pid_, SIGTERM);
  return Wait(output);
}

int CollectorProcess::Wait(std::string* output) {
  int status = -1;
  if (pid_ > 0 && !exited_) ::waitpid(pid_, &status, 0);
  exited_ = true;
  *output = Slurp(out_path_) + Slurp(err_path_);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace telegate::testing
