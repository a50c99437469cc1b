// A host may keep its client in a static and never close it: the client is
// then destroyed by the C++ runtime at exit, after atexit handlers that ran
// earlier — OpenSSL's cleanup among them. Closing then commits what is
// queued through SQLCipher, which needs OpenSSL: the process must still
// exit cleanly (found by the demo session fuzzer).
//
// The scenario needs a fresh process, in which this client is the first
// user of OpenSSL (a forked copy of a test process that already used it
// would not reproduce the order of exit handlers). The test starts a new
// copy of its own binary, as a "threadsafe" death test would, but through
// support/fresh_process.h, so that it also runs under the emulator of a
// cross build.
#include <sys/wait.h>

#include <cstdlib>
#include <memory>

#include "gtest/gtest.h"
#include "support/client_fixture.h"
#include "support/fresh_process.h"
#include "support/test_dir.h"

namespace telegate {
namespace {

using ::telegate::testing::RerunThisTestInAFreshProcess;
using ::telegate::testing::TestDir;
using ::telegate::testing::TestEnv;

// Set in the child: the data directory it works in.
constexpr char kChildDirVariable[] = "TELEGATE_PROCESS_EXIT_CHILD_DIR";

// Runs in the child: a client in a function-local static (its destructor
// is registered when Open has returned), events queued, exit.
void OpenInAStaticTrackAndExit(const std::string& dir) {
  static TestEnv env;
  ClientOptions options = env.Options(dir);
  options.max_batch_delay = absl::Hours(1);  // still queued at exit
  static std::unique_ptr<Client> client = [&] {
    absl::StatusOr<std::unique_ptr<Client>> c = Client::Open(options);
    if (!c.ok()) std::_Exit(3);
    return *std::move(c);
  }();
  if (!client->SetConsent("log.search", true).ok()) std::_Exit(4);
  for (int i = 0; i < 10; ++i) {
    if (!client->Track("log.search", "search", {{"query", "q"}}).ok()) {
      std::_Exit(5);
    }
  }
  std::exit(0);
}

TEST(ProcessExitTest, AClientHeldInAStaticClosesCleanlyAtExit) {
  if (const char* child_dir = std::getenv(kChildDirVariable)) {
    OpenInAStaticTrackAndExit(child_dir);  // the child; never returns
  }
  TestDir dir;
  int status = RerunThisTestInAFreshProcess(kChildDirVariable, dir.path());
  ASSERT_TRUE(WIFEXITED(status)) << "wait status " << status;
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

}  // namespace
}  // namespace telegate
