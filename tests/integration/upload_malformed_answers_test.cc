// Whatever comes back from the network, an event leaves the buffer only on
// the collector's acknowledgement of its batch: empty, foreign, garbled,
// truncated, oversized and redirecting answers keep every event (and a
// redirect is never followed); only a 4xx drops the batch, counted.
#include <string>

#include "absl/strings/str_cat.h"
#include "collector_server.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "support/client_fixture.h"
#include "support/scripted_http_server.h"
#include "support/test_dir.h"
#include "telegate/batch.pb.h"
#include "upload_harness.h"

namespace telegate {
namespace {

using collector::CollectorServer;
using ::telegate::testing::Buffered;
using ::telegate::testing::DecodeOrDie;
using ::telegate::testing::OpenOrDie;
using ::telegate::testing::ScriptedHttpServer;
using ::telegate::testing::TestDir;
using ::telegate::testing::TestEnv;

class UploadMalformedAnswersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    transport_ = testing::MakeCurlTransport();
    client_ = OpenOrDie(env_.Options(dir_.path()));
    ASSERT_NE(client_, nullptr);
    ASSERT_TRUE(client_->SetEndpoints({{server_.url(), "CN"}}).ok());
    ASSERT_TRUE(client_->SetConsent("log.search", true).ok());
    for (int i = 0; i < 7; ++i) {
      ASSERT_TRUE(client_->Track("log.search", "search",
                                 {{"query", absl::StrCat("q", i)}})
                      .ok());
    }
    ASSERT_TRUE(client_->Flush(absl::Seconds(10)).ok());
  }

  // Sends the next batch to the scripted server; returns the verdict.
  UploadVerdict SendOnce(UploadResponse* response_out = nullptr) {
    absl::StatusOr<UploadTask> task = client_->GetUploadTask();
    EXPECT_TRUE(task.ok());
    while (task.ok() && task->kind == UploadTask::Kind::kWait) {
      env_.clock.Advance(task->wait + absl::Milliseconds(1));
      task = client_->GetUploadTask();
    }
    EXPECT_EQ(task->kind, UploadTask::Kind::kUpload);
    if (task->kind != UploadTask::Kind::kUpload) return UploadVerdict::kDiscarded;
    EXPECT_TRUE(task->request.control->BeginSend());
    UploadResponse response = transport_->Send(task->request);
    if (response_out != nullptr) *response_out = response;
    return *client_->ReportUploadResult(task->request.task_id, response);
  }

  // The ack a real collector would give for the batch in `body`.
  static std::string AckFor(const std::string& body) {
    proto::BatchAck ack;
    ack.set_batch_id(DecodeOrDie(body).header.batch_id());
    return ack.SerializeAsString();
  }

  TestDir dir_;
  TestEnv env_;
  ScriptedHttpServer server_;
  std::unique_ptr<desktop::CurlTransport> transport_;
  std::unique_ptr<Client> client_;
};

TEST_F(UploadMalformedAnswersTest, NoAnswerButAnAcknowledgementDeletesAnything) {
  const std::string answers[] = {
      ScriptedHttpServer::Http(200, ""),                          // empty 200
      ScriptedHttpServer::Http(200, "<html>Welcome to the hotel Wi-Fi</html>"),
      ScriptedHttpServer::Http(204, ""),
      ScriptedHttpServer::Http(200, "\x0a\x10" + std::string(16, 'z')),  // other batch
      "THIS IS NOT HTTP\r\n\r\n",                                 // garbage
      "",                                                         // closed, no bytes
      "HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\nshort",      // truncated
      ScriptedHttpServer::Http(200, std::string(200 << 10, 'x')), // oversized
      ScriptedHttpServer::Http(503, "busy", "Retry-After: 1\r\n"),
      ScriptedHttpServer::Http(429, "slow down"),
      ScriptedHttpServer::Http(999, "what"),
  };
  int n = 0;
  for (const std::string& answer : answers) {
    server_.SetAnswer(answer);
    UploadResponse response;
    EXPECT_EQ(SendOnce(&response), UploadVerdict::kRetry) << "answer " << n;
    EXPECT_EQ(Buffered(client_.get()), 7) << "answer " << n;
    ++n;
  }
  EXPECT_EQ(server_.requests(), n);
  EXPECT_EQ(client_->GetDropCounts().upload_rejected, 0);

  // The real acknowledgement, finally.
  server_.SetAnswerFn([](const std::string& body) {
    return ScriptedHttpServer::Http(200, AckFor(body));
  });
  EXPECT_EQ(SendOnce(), UploadVerdict::kAcknowledged);
  EXPECT_EQ(Buffered(client_.get()), 0);
}

TEST_F(UploadMalformedAnswersTest, ARedirectIsNeverFollowed) {
  auto elsewhere = CollectorServer::Start({});
  ASSERT_TRUE(elsewhere.ok());
  for (int status : {301, 302, 307, 308}) {
    server_.SetAnswer(ScriptedHttpServer::Http(
        status, "", absl::StrCat("Location: ", (*elsewhere)->url(), "\r\n")));
    UploadResponse response;
    EXPECT_EQ(SendOnce(&response), UploadVerdict::kRetry) << status;
    EXPECT_EQ(response.http_status, status);
  }
  EXPECT_EQ((*elsewhere)->stats().requests, 0);
  EXPECT_EQ(Buffered(client_.get()), 7);
}

TEST_F(UploadMalformedAnswersTest, AClientErrorDropsTheBatchAndCountsIt) {
  server_.SetAnswer(ScriptedHttpServer::Http(400, "refused: malformed"));
  EXPECT_EQ(SendOnce(), UploadVerdict::kRejected);
  EXPECT_EQ(Buffered(client_.get()), 0);
  EXPECT_EQ(client_->GetDropCounts().upload_rejected, 7);
}

TEST_F(UploadMalformedAnswersTest, WhatTheClientSendsDecodes) {
  server_.SetAnswerFn([](const std::string& body) {
    return ScriptedHttpServer::Http(200, AckFor(body));
  });
  ASSERT_EQ(SendOnce(), UploadVerdict::kAcknowledged);
  ASSERT_EQ(server_.bodies().size(), 1u);
  collector::DecodedBatch batch = DecodeOrDie(server_.bodies()[0]);
  EXPECT_EQ(batch.events.size(), 7u);
  EXPECT_EQ(batch.header.region(), "CN");
  EXPECT_EQ(batch.header.compression(), proto::COMPRESSION_ZSTD);
  EXPECT_EQ(batch.header.dictionary_id(), collector::ShippedDictionaryId());
}

}  // namespace
}  // namespace telegate
