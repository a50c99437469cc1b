// The collector's life cycle: a Stop that comes right after Start ends the
// server instead of leaving its listening thread in accept() forever (the
// race that hung UploadAckTest for 11 minutes: cpp-httplib's stop() is lost
// if it runs before listen_after_bind() has set its running flag).
#include "collector_server.h"

#include <chrono>
#include <future>
#include <thread>

#include "gtest/gtest.h"

namespace telegate::collector {
namespace {

TEST(CollectorServerTest, AStopRightAfterStartAlwaysEndsTheServer) {
  // The loop runs on its own thread so that a lost stop fails this test by
  // name after a bounded wait instead of hanging the whole binary.
  auto loop = std::async(std::launch::async, [] {
    for (int i = 0; i < 200; ++i) {
      absl::StatusOr<std::unique_ptr<CollectorServer>> server =
          CollectorServer::Start(CollectorOptions{});
      if (!server.ok()) return server.status();
      (*server)->Stop();  // at once: the listening thread may not run yet
    }
    return absl::OkStatus();
  });
  if (loop.wait_for(std::chrono::seconds(30)) != std::future_status::ready) {
    ADD_FAILURE() << "a Stop right after Start never returned (the stop was "
                     "lost and the listening thread is still in accept)";
    std::_Exit(1);  // the hung thread cannot be joined
  }
  EXPECT_TRUE(loop.get().ok());
}

TEST(CollectorServerTest, StartReturnsOnlyOnceTheServerAnswers) {
  absl::StatusOr<std::unique_ptr<CollectorServer>> server =
      CollectorServer::Start(CollectorOptions{});
  ASSERT_TRUE(server.ok()) << server.status();
  EXPECT_TRUE((*server)->running());
  (*server)->Stop();
  EXPECT_FALSE((*server)->running());
}

}  // namespace
}  // namespace telegate::collector
