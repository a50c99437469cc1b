// What the examples write about the user is owner-only (0600) whatever the
// umask, and never written through a planted link: the demo's `export FILE`
// and the collector's --out file.
#include <sys/stat.h>
#include <unistd.h>

#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "collector_server.h"
#include "demo_session.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "support/test_dir.h"

namespace telegate::demo {
namespace {

using ::telegate::testing::ReadFileOrEmpty;
using ::telegate::testing::TestDir;
using ::telegate::testing::WriteFileOrDie;
using ::testing::HasSubstr;
using ::testing::StartsWith;

// A permissive umask for one test: files come out as open as their creator
// asks.
class ScopedUmask {
 public:
  explicit ScopedUmask(mode_t mask) : old_(::umask(mask)) {}
  ~ScopedUmask() { ::umask(old_); }

 private:
  mode_t old_;
};

mode_t ModeOf(const std::string& path) {
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0) return 07777;
  return st.st_mode & 07777;
}

class PrivateOutputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    DemoOptions options;
    options.data_dir = data_.path();
    absl::StatusOr<std::unique_ptr<DemoSession>> s =
        DemoSession::Create(options);
    ASSERT_TRUE(s.ok()) << s.status();
    session_ = *std::move(s);
    ASSERT_EQ(One("consent log.search on"), "ok consent log.search on");
    ASSERT_THAT(One("track log.search search query=PRIVATE-EXPORT-MARKER"),
                StartsWith("ok"));
  }

  std::string One(const std::string& line) {
    std::vector<std::string> out = session_->Execute(line);
    EXPECT_EQ(out.size(), 1u) << line;
    return out.empty() ? "" : out[0];
  }

  ScopedUmask umask_{0};
  TestDir data_;
  TestDir out_;
  std::unique_ptr<DemoSession> session_;
};

TEST_F(PrivateOutputTest, TheDemoExportIsOwnerOnlyWhateverTheUmask) {
  for (const char* format : {"json", "proto"}) {
    SCOPED_TRACE(format);
    const std::string path = out_.Sub(absl::StrCat("export.", format));
    EXPECT_THAT(One(absl::StrCat("export ", path, " ", format)),
                StartsWith("ok exported"));
    EXPECT_EQ(ModeOf(path), 0600);
    EXPECT_THAT(ReadFileOrEmpty(path), HasSubstr("PRIVATE-EXPORT-MARKER"));
  }
}

TEST_F(PrivateOutputTest, AnExportOverAnOpenFileMakesItPrivate) {
  const std::string path = out_.Sub("export.json");
  WriteFileOrDie(path, "an older, longer file left readable by everyone");
  ASSERT_EQ(::chmod(path.c_str(), 0644), 0);
  EXPECT_THAT(One("export " + path), StartsWith("ok exported"));
  EXPECT_EQ(ModeOf(path), 0600);
  EXPECT_THAT(ReadFileOrEmpty(path), StartsWith("{"));
}

TEST_F(PrivateOutputTest, AnExportIsNeverWrittenThroughASymlink) {
  const std::string target = out_.Sub("somewhere-else");
  WriteFileOrDie(target, "untouched");
  ASSERT_EQ(::chmod(target.c_str(), 0644), 0);
  const std::string link = out_.Sub("export.json");
  ASSERT_EQ(::symlink(target.c_str(), link.c_str()), 0);
  EXPECT_THAT(One("export " + link), StartsWith("error:"));
  EXPECT_EQ(ReadFileOrEmpty(target), "untouched");
  EXPECT_EQ(ModeOf(target), 0644);
}

TEST_F(PrivateOutputTest, AnExportToAFifoIsRefusedWithoutBlocking) {
  const std::string fifo = out_.Sub("export.fifo");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_THAT(One("export " + fifo), StartsWith("error:"));
}

TEST_F(PrivateOutputTest, TheCollectorOutputIsOwnerOnlyWhateverTheUmask) {
  collector::CollectorOptions options;
  options.output_path = out_.Sub("events.jsonl");
  auto server = collector::CollectorServer::Start(options);
  ASSERT_TRUE(server.ok()) << server.status();
  EXPECT_THAT(One("endpoint " + (*server)->url()), StartsWith("ok"));
  EXPECT_THAT(One("upload"), StartsWith("ok upload uploaded=1"));
  EXPECT_EQ(ModeOf(options.output_path), 0600);
  EXPECT_THAT(ReadFileOrEmpty(options.output_path),
              HasSubstr("PRIVATE-EXPORT-MARKER"));
  EXPECT_EQ((*server)->stats().output_errors, 0);
}

}  // namespace
}  // namespace telegate::demo
