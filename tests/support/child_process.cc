#include "support/child_process.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>

#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace telegate::testing {

std::vector<std::string> EmulatorCommand() {
  const char* emulator = std::getenv("TELEGATE_TEST_EMULATOR");
#ifdef TELEGATE_TEST_EMULATOR_BUILTIN
  if (emulator == nullptr) emulator = TELEGATE_TEST_EMULATOR_BUILTIN;
#endif
  if (emulator == nullptr) return {};
  return absl::StrSplit(emulator, ' ', absl::SkipEmpty());
}

bool RunningUnderEmulator() { return !EmulatorCommand().empty(); }

std::string ShellCommand(const std::string& program) {
  std::vector<std::string> words = EmulatorCommand();
  words.push_back(program);
  return absl::StrJoin(words, " ");
}

std::string SelfPath() {
  // qemu-user answers this with the emulated program's path.
  char path[PATH_MAX];
  ssize_t n = ::readlink("/proc/self/exe", path, sizeof(path) - 1);
  if (n <= 0) std::abort();
  return std::string(path, static_cast<size_t>(n));
}

ChildCommand::ChildCommand(const std::string& program,
                           std::vector<std::string> args)
    : words_(EmulatorCommand()) {
  words_.push_back(program);
  for (std::string& arg : args) words_.push_back(std::move(arg));
  for (std::string& word : words_) argv_.push_back(word.data());
  argv_.push_back(nullptr);
}

void ChildCommand::Exec() const {
  ::execvp(argv_[0], argv_.data());
  ::_exit(127);
}

int ChildCommand::RunAndWait(
    const std::vector<std::pair<std::string, std::string>>& env) const {
  // The environment is built before fork: the child only execs.
  std::vector<std::string> entries;
  for (char** e = environ; *e != nullptr; ++e) {
    bool replaced = false;
    for (const auto& entry : env) {
      replaced |= absl::StartsWith(*e, entry.first + "=");
    }
    if (!replaced) entries.emplace_back(*e);
  }
  for (const auto& [name, value] : env) entries.push_back(name + "=" + value);
  std::vector<char*> envp;
  for (std::string& entry : entries) envp.push_back(entry.data());
  envp.push_back(nullptr);

  pid_t pid = ::fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    ::execvpe(argv_[0], argv_.data(), envp.data());
    ::_exit(127);
  }
  int status = -1;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

}  // namespace telegate::testing
