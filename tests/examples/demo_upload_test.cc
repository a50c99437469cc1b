// telegate-demo's upload commands: endpoint, crossborder, upload, and flush
// uploading once an endpoint is set — against a collector on loopback.
#include <memory>
#include <string>

#include "collector_server.h"
#include "demo_session.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "support/test_dir.h"

namespace telegate::demo {
namespace {

using ::telegate::testing::TestDir;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::StartsWith;

class DemoUploadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto server = collector::CollectorServer::Start({});
    ASSERT_TRUE(server.ok()) << server.status();
    collector_ = *std::move(server);
    DemoOptions options;
    options.data_dir = dir_.path();
    auto session = DemoSession::Create(options);
    ASSERT_TRUE(session.ok()) << session.status();
    session_ = *std::move(session);
  }

  std::string One(const std::string& line) {
    std::vector<std::string> out = session_->Execute(line);
    EXPECT_EQ(out.size(), 1u) << line;
    return out.empty() ? "" : out[0];
  }

  TestDir dir_;
  std::unique_ptr<collector::CollectorServer> collector_;
  std::unique_ptr<DemoSession> session_;
};

TEST_F(DemoUploadTest, FlushUploadsOnceAnEndpointIsSet) {
  ASSERT_EQ(One("consent log.search on"), "ok consent log.search on");
  ASSERT_EQ(One("track log.search search query=shoes"),
            "ok tracked log.search search");
  // Without an endpoint, flush answers as it always did.
  EXPECT_EQ(One("flush"), "ok flushed");
  EXPECT_EQ(One("endpoint " + collector_->url()),
            "ok endpoint " + collector_->url() + " region=CN endpoints=1");
  EXPECT_EQ(One("flush"), "ok flushed uploaded=1 batches=1 buffered=0");
  EXPECT_EQ(collector_->stats().events, 1);
  EXPECT_EQ(One("upload"), "ok upload uploaded=0 batches=0 buffered=0");
}

TEST_F(DemoUploadTest, AFailingCollectorLeavesTheEventsAndSaysWhenToRetry) {
  collector_->SetFailEvery(1);
  One("consent log.search on");
  One("track log.search search query=shoes");
  One("endpoint " + collector_->url());
  std::string answer = One("flush");
  EXPECT_THAT(answer,
              MatchesRegex("ok flushed uploaded=0 batches=0 retry=[0-9]+"
                           "( wait=[0-9]+ms)? buffered=1"));
}

TEST_F(DemoUploadTest, BadUploadCommandsGetAClearError) {
  EXPECT_THAT(One("upload"), HasSubstr("no endpoint"));
  EXPECT_THAT(One("endpoint"), StartsWith("error: usage: endpoint"));
  EXPECT_THAT(One("endpoint http://collector.example/v1"),
              HasSubstr("must use https"));
  EXPECT_THAT(One("endpoint https://collector.example/v1 region=china"),
              HasSubstr("ISO 3166"));
  EXPECT_THAT(One("endpoint https://collector.example/v1 sometimes"),
              StartsWith("error: usage"));
  EXPECT_THAT(One("crossborder log.search US maybe"),
              StartsWith("error: usage: crossborder"));
  EXPECT_THAT(One("crossborder nope US on"), HasSubstr("unknown category"));
  EXPECT_THAT(One("crossborder log.search US on"),
              HasSubstr("switch it on first"));
  EXPECT_EQ(One("consent log.search on"), "ok consent log.search on");
  EXPECT_EQ(One("crossborder log.search US on"),
            "ok crossborder log.search US on");
  EXPECT_EQ(One("endpoint https://collector.example/v1 region=SG partner"),
            "ok endpoint https://collector.example/v1 region=SG partner "
            "endpoints=1");
  EXPECT_THAT(One("help"), HasSubstr("endpoint <url>"));
}

}  // namespace
}  // namespace telegate::demo
