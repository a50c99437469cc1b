// TestDir: a fresh directory for one test, removed (recursively) afterwards.
#ifndef TELEGATE_TESTS_SUPPORT_TEST_DIR_H_
#define TELEGATE_TESTS_SUPPORT_TEST_DIR_H_

#include <string>
#include <vector>

namespace telegate::testing {

class TestDir {
 public:
  TestDir();
  ~TestDir();
  TestDir(const TestDir&) = delete;
  TestDir& operator=(const TestDir&) = delete;

  const std::string& path() const { return path_; }
  // Path of `name` inside the directory.
  std::string Sub(const std::string& name) const { return path_ + "/" + name; }
  // Every regular file below the directory, as paths, sorted.
  std::vector<std::string> Files() const;

 private:
  std::string path_;
};

// Regular files below `dir`, recursively, sorted.
std::vector<std::string> ListFilesRecursively(const std::string& dir);
std::string ReadFileOrEmpty(const std::string& path);

// Runs `command` with the shell, returns its stdout; *status gets what
// pclose() returned (the wait status).
std::string RunCommand(const std::string& command, int* status);
void WriteFileOrDie(const std::string& path, const std::string& data);

}  // namespace telegate::testing

#endif  // TELEGATE_TESTS_SUPPORT_TEST_DIR_H_
