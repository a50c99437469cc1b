// A host may keep its client in a static and never close it: the client is
// then destroyed by the C++ runtime at exit, after atexit handlers that ran
// earlier — OpenSSL's cleanup among them. Closing then commits what is
// queued through SQLCipher, which needs OpenSSL: the process must still
// exit cleanly (found by the demo session fuzzer).
#include <cstdlib>
#include <memory>

#include "gtest/gtest.h"
#include "support/client_fixture.h"
#include "support/test_dir.h"

namespace telegate {
namespace {

using ::telegate::testing::TestDir;
using ::telegate::testing::TestEnv;

// Runs in the death-test child: a client in a function-local static (its
// destructor is registered when Open has returned), events queued, exit.
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
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  TestDir dir;
  EXPECT_EXIT(OpenInAStaticTrackAndExit(dir.path()),
              ::testing::ExitedWithCode(0), "");
}

}  // namespace
}  // namespace telegate
