// Starting another program of this build from a test: the demo CLI tests,
// the crash harness, the process-exit test.
//
// In a cross build the tests run under an emulator (qemu-user), and where
// binfmt_misc is not mounted an emulated program cannot exec another one
// ("Exec format error"). A cross build therefore compiles the emulator
// (CMAKE_CROSSCOMPILING_EMULATOR, its words separated by blanks) into these
// helpers, which put it in front of the program; the environment variable
// TELEGATE_TEST_EMULATOR overrides it. Natively there is none and the
// program runs directly.
//
//   ChildCommand child(TELEGATE_CRASH_CHILD_BIN, {"--data-dir", dir});
//   pid_t pid = fork();
//   if (pid == 0) child.Exec();    // no allocation after fork
//
//   popen(ShellCommand(TELEGATE_DEMO_BIN) + " --data-dir " + dir, "r");
#ifndef TELEGATE_TESTS_SUPPORT_CHILD_PROCESS_H_
#define TELEGATE_TESTS_SUPPORT_CHILD_PROCESS_H_

#include <string>
#include <utility>
#include <vector>

namespace telegate::testing {

// The emulator command and its arguments; empty natively.
std::vector<std::string> EmulatorCommand();

// Whether this test program runs under an emulator (EmulatorCommand() is not
// empty): qemu-user ignores some advice to the kernel (madvise), which a
// test can then not observe.
bool RunningUnderEmulator();

// `program` as a shell command prefix: the emulator words, then the program
// (no quoting: the build's paths have no blanks).
std::string ShellCommand(const std::string& program);

// The running test binary's own path (to start a fresh copy of it).
std::string SelfPath();

// An argv (emulator words, program, args) prepared before fork, so the
// forked child only calls Exec. Thread-compatible.
class ChildCommand {
 public:
  ChildCommand(const std::string& program, std::vector<std::string> args);
  ChildCommand(const ChildCommand&) = delete;
  ChildCommand& operator=(const ChildCommand&) = delete;

  // execvp()s the command; if that fails, _exit(127). For a forked child.
  [[noreturn]] void Exec() const;

  // Forks, execs with this environment plus `env` (name, value; replacing
  // a variable of the same name), and waits. Returns the wait status, or -1
  // if fork failed.
  int RunAndWait(
      const std::vector<std::pair<std::string, std::string>>& env) const;

 private:
  std::vector<std::string> words_;
  std::vector<char*> argv_;  // into words_, null-terminated
};

}  // namespace telegate::testing

#endif  // TELEGATE_TESTS_SUPPORT_CHILD_PROCESS_H_
