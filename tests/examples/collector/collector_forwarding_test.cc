// CollectorServer with forwarding (issue 16): a batch is acknowledged only
// after the OTLP endpoint accepted its new events; an unaccepted forward is
// answered 503 and leaves nothing remembered (a retry is forwarded again,
// not dropped as a duplicate); a slow pipeline gives the device 503s within
// a bounded number of forwards instead of a queue.
#include <httplib.h>

#include <chrono>
#include <fstream>
#include <future>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "collector_server.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "support/otlp_receiver.h"
#include "support/test_dir.h"
#include "telegate/batch.pb.h"
#include "upload/batch_encoder.h"

namespace telegate::collector {
namespace {

using ::telegate::testing::OtlpLogRecord;
using ::telegate::testing::OtlpReceiver;
using ::telegate::testing::StringAttribute;
using ::telegate::testing::TestDir;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAreArray;

std::string EventId(int i) { return absl::StrCat("event-id-", 1000000 + i); }

// A body holding events [first, first + count) of log.search.
std::string Body(int first, int count, char batch = 'B') {
  auto encoder = upload_internal::BatchEncoder::Create(
      upload_internal::BatchEncoder::Mode::kDictionary, 3);
  EXPECT_TRUE(encoder.ok());
  for (int i = first; i < first + count; ++i) {
    proto::Event e;
    e.set_id(EventId(i));
    e.set_category("log.search");
    e.set_name("search");
    e.set_capture_time_ms(1700000000000 + i);
    proto::Attribute* a = e.add_attributes();
    a->set_key("query");
    a->set_string_value(absl::StrCat("query-", i));
    (*encoder)->Add(e.SerializeAsString());
  }
  proto::BatchHeader header;
  header.set_batch_id(std::string(15, batch) + static_cast<char>(first));
  header.set_region("CN");
  header.set_app_id("com.example.shop");
  header.set_sdk_version("0.0.1");
  return *(*encoder)->Finish(header);
}

std::string DeletionBody() {
  proto::UploadBody body;
  proto::BatchHeader* h = body.mutable_header();
  h->set_format_version(1);
  h->set_batch_id(std::string(16, 'D'));
  h->set_compression(proto::COMPRESSION_NONE);
  h->set_region("CN");
  body.mutable_deletion_request()->add_install_ids(
      "0f0e0d0c-0b0a-4908-8706-050403020100");
  body.mutable_deletion_request()->set_requested_ms(1700000000000);
  return body.SerializeAsString();
}

struct Answer {
  int status = 0;  // 0: no answer
  std::string body;
};

class CollectorForwardingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto receiver = OtlpReceiver::Start();
    ASSERT_TRUE(receiver.ok()) << receiver.status();
    receiver_ = *std::move(receiver);
    options_.forward_otlp_url = receiver_->url();
    options_.output_path = dir_.Sub("events.jsonl");
  }

  void Start() {
    auto server = CollectorServer::Start(options_);
    ASSERT_TRUE(server.ok()) << server.status();
    collector_ = *std::move(server);
  }

  Answer Post(const std::string& body) {
    httplib::Client client("127.0.0.1", collector_->port());
    client.set_read_timeout(std::chrono::seconds(60));
    httplib::Result r =
        client.Post("/v1/batches", body, "application/x-telegate-batch");
    if (!r) return {};
    return {r->status, r->body};
  }

  proto::BatchAck Ack(const Answer& answer) {
    proto::BatchAck ack;
    EXPECT_EQ(answer.status, 200) << answer.body;
    EXPECT_TRUE(ack.ParseFromString(answer.body));
    return ack;
  }

  std::vector<std::string> OutputLines() {
    std::ifstream in(options_.output_path);
    std::stringstream s;
    s << in.rdbuf();
    return absl::StrSplit(s.str(), '\n', absl::SkipEmpty());
  }

  std::vector<std::string> AcceptedQueries() {
    std::vector<std::string> queries;
    for (const OtlpLogRecord& r : receiver_->AcceptedRecords()) {
      queries.push_back(StringAttribute(r, "query"));
    }
    return queries;
  }

  static std::vector<std::string> Queries(int first, int count) {
    std::vector<std::string> q;
    for (int i = first; i < first + count; ++i) {
      q.push_back(absl::StrCat("query-", i));
    }
    return q;
  }

  static void WaitFor(const std::function<bool()>& condition) {
    for (int i = 0; i < 60000 && !condition(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ASSERT_TRUE(condition());
  }

  TestDir dir_;
  CollectorOptions options_;
  std::unique_ptr<OtlpReceiver> receiver_;
  std::unique_ptr<CollectorServer> collector_;
};

TEST_F(CollectorForwardingTest, ABatchIsAcknowledgedOnlyOnceThePipelineHasIt) {
  Start();
  receiver_->Hold();
  std::future<Answer> answer =
      std::async(std::launch::async, [&] { return Post(Body(0, 10)); });
  WaitFor([&] { return receiver_->held() == 1; });
  // The pipeline has the request but has not answered: no acknowledgement,
  // nothing kept.
  EXPECT_EQ(answer.wait_for(std::chrono::milliseconds(50)),
            std::future_status::timeout);
  EXPECT_EQ(collector_->stats().events, 0);
  EXPECT_TRUE(OutputLines().empty());
  receiver_->Release();
  proto::BatchAck ack = Ack(answer.get());
  EXPECT_EQ(ack.accepted(), 10u);
  EXPECT_EQ(ack.duplicates(), 0u);
  EXPECT_THAT(AcceptedQueries(), UnorderedElementsAreArray(Queries(0, 10)));
  EXPECT_EQ(OutputLines().size(), 10u);
  EXPECT_EQ(collector_->stats().forwarded, 10);
  EXPECT_EQ(collector_->stats().forwards, 1);
}

// Each way the pipeline can fail to take a forward.
struct Failure {
  const char* name;
  OtlpReceiver::Answer answer;
  bool down;
};

void PrintTo(const Failure& failure, std::ostream* os) { *os << failure.name; }

class UnacceptedForwardTest : public CollectorForwardingTest,
                              public ::testing::WithParamInterface<Failure> {};

TEST_P(UnacceptedForwardTest, IsAnswered503AndTheRetryIsForwardedAgain) {
  options_.forward_timeout = absl::Seconds(30);
  Start();
  if (GetParam().down) {
    receiver_->Stop();
  } else {
    receiver_->SetAnswer(GetParam().answer);
  }
  const std::string body = Body(0, 5);
  Answer refused = Post(body);
  EXPECT_EQ(refused.status, 503);
  EXPECT_THAT(refused.body, HasSubstr("the pipeline did not accept"));
  EXPECT_EQ(collector_->stats().forward_failures, 1);
  EXPECT_EQ(collector_->stats().events, 0);
  EXPECT_TRUE(OutputLines().empty());
  EXPECT_TRUE(receiver_->accepted().empty());

  // The device retries the same batch: it is forwarded again, not taken
  // for a duplicate of what the pipeline never accepted.
  if (GetParam().down) {
    ASSERT_TRUE(receiver_->Restart().ok());
  } else {
    receiver_->SetAnswer(OtlpReceiver::Answer::kAccept);
  }
  proto::BatchAck ack = Ack(Post(body));
  EXPECT_EQ(ack.accepted(), 5u);
  EXPECT_EQ(ack.duplicates(), 0u);
  EXPECT_THAT(AcceptedQueries(), UnorderedElementsAreArray(Queries(0, 5)));
  EXPECT_EQ(OutputLines().size(), 5u);
}

INSTANTIATE_TEST_SUITE_P(
    EveryFailure, UnacceptedForwardTest,
    ::testing::Values(
        Failure{"Unavailable", OtlpReceiver::Answer::kUnavailable, false},
        Failure{"PartialSuccess", OtlpReceiver::Answer::kPartialSuccess, false},
        Failure{"BadRequest", OtlpReceiver::Answer::kBadRequest, false},
        Failure{"NotOtlp", OtlpReceiver::Answer::kNotOtlp, false},
        Failure{"Down", OtlpReceiver::Answer::kAccept, true}),
    [](const ::testing::TestParamInfo<Failure>& info) {
      return std::string(info.param.name);
    });

TEST_F(CollectorForwardingTest, APipelineThatDoesNotAnswerInTimeGets503) {
  options_.forward_timeout = absl::Milliseconds(300);
  Start();
  receiver_->Hold();
  Answer answer = Post(Body(0, 3));
  receiver_->Release();
  EXPECT_EQ(answer.status, 503);
  EXPECT_EQ(collector_->stats().events, 0);
  EXPECT_THAT(collector_->last_forward_error(), HasSubstr("no answer"));
}

TEST_F(CollectorForwardingTest, AnAckLostAfterForwardingIsNotForwardedAgain) {
  options_.drop_every = 1;
  Start();
  const std::string body = Body(0, 4);
  Answer lost = Post(body);
  EXPECT_NE(lost.status, 200) << "the acknowledgement never arrives";
  EXPECT_EQ(receiver_->accepted().size(), 1u);
  collector_->SetDropEvery(0);
  proto::BatchAck ack = Ack(Post(body));
  EXPECT_EQ(ack.accepted(), 0u);
  EXPECT_EQ(ack.duplicates(), 4u);
  EXPECT_EQ(receiver_->requests(), 1) << "nothing new to forward";
  EXPECT_THAT(AcceptedQueries(), UnorderedElementsAreArray(Queries(0, 4)));
}

TEST_F(CollectorForwardingTest, OnlyEventsNotSeenBeforeAreForwarded) {
  Start();
  Ack(Post(Body(0, 10)));
  proto::BatchAck ack = Ack(Post(Body(5, 10, 'C')));
  EXPECT_EQ(ack.accepted(), 5u);
  EXPECT_EQ(ack.duplicates(), 5u);
  ASSERT_EQ(receiver_->accepted().size(), 2u);
  EXPECT_THAT(AcceptedQueries(), UnorderedElementsAreArray(Queries(0, 15)));
}

TEST_F(CollectorForwardingTest, ASlowPipelineGivesTheDevice503sNotAQueue) {
  options_.max_forwards = 2;
  options_.forward_wait = absl::Milliseconds(20);
  Start();
  receiver_->Hold();
  std::vector<std::future<Answer>> slow;
  for (int i = 0; i < 2; ++i) {
    slow.push_back(std::async(std::launch::async,
                              [&, i] { return Post(Body(10 * i, 10)); }));
  }
  WaitFor([&] { return receiver_->held() == 2; });
  // Every forward is taken: more batches are turned away at once, not
  // queued behind the stalled pipeline.
  for (int i = 2; i < 12; ++i) {
    Answer busy = Post(Body(10 * i, 10));
    EXPECT_EQ(busy.status, 503);
    EXPECT_THAT(busy.body, HasSubstr("busy"));
  }
  EXPECT_EQ(collector_->stats().busy, 10);
  EXPECT_EQ(receiver_->requests(), 2) << "at most max_forwards at once";
  receiver_->Release();
  for (auto& answer : slow) EXPECT_EQ(Ack(answer.get()).accepted(), 10u);
  // And once it flows again, the turned-away batches get through.
  Ack(Post(Body(20, 10)));
  EXPECT_THAT(AcceptedQueries(), UnorderedElementsAreArray(Queries(0, 30)));
}

TEST_F(CollectorForwardingTest,
       TheDeletionRequestIsAcknowledgedOnlyOnceForwarded) {
  Start();
  receiver_->SetAnswer(OtlpReceiver::Answer::kUnavailable);
  EXPECT_EQ(Post(DeletionBody()).status, 503);
  EXPECT_TRUE(collector_->retired_install_ids().empty());
  receiver_->SetAnswer(OtlpReceiver::Answer::kAccept);
  Ack(Post(DeletionBody()));
  std::vector<OtlpLogRecord> records = receiver_->AcceptedRecords();
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].event_name(), "telegate.deletion_request");
  EXPECT_EQ(collector_->retired_install_ids(),
            std::vector<std::string>{"0f0e0d0c-0b0a-4908-8706-050403020100"});
  // The JSON line is written as without forwarding.
  ASSERT_EQ(OutputLines().size(), 1u);
  EXPECT_THAT(OutputLines()[0],
              HasSubstr("{\"deletion_request\":{\"install_ids\":["
                        "\"0f0e0d0c-0b0a-4908-8706-050403020100\"]"));
}

TEST_F(CollectorForwardingTest, TheJsonOutputIsTheSameAsWithoutForwarding) {
  Start();
  Ack(Post(Body(0, 6)));
  std::vector<std::string> forwarded = OutputLines();
  collector_->Stop();
  CollectorOptions plain;
  plain.output_path = dir_.Sub("plain.jsonl");
  auto server = CollectorServer::Start(plain);
  ASSERT_TRUE(server.ok());
  collector_ = *std::move(server);
  options_.output_path = plain.output_path;
  Ack(Post(Body(0, 6)));
  EXPECT_EQ(OutputLines(), forwarded);
  EXPECT_EQ(forwarded.size(), 6u);
}

TEST_F(CollectorForwardingTest, AnOldIdOutsideTheWindowIsForwardedAgain) {
  options_.dedup_window = 4;  // remembers the last 2 to 4 ids
  Start();
  Ack(Post(Body(0, 1)));
  Ack(Post(Body(1, 8, 'C')));
  proto::BatchAck ack = Ack(Post(Body(0, 1)));
  EXPECT_EQ(ack.accepted(), 1u) << "forgotten: at least once allows this";
  std::vector<std::string> ids;
  for (const OtlpLogRecord& r : receiver_->AcceptedRecords()) {
    if (StringAttribute(r, "query") == "query-0") {
      ids.push_back(StringAttribute(r, "telegate.event_id"));
    }
  }
  ASSERT_EQ(ids.size(), 2u);
  EXPECT_EQ(ids[0], ids[1]) << "a duplicate downstream carries the same id";
  EXPECT_EQ(ids[0], absl::BytesToHexString(EventId(0)));
}

TEST(CollectorForwardingOptionsTest, ABadOtlpUrlIsRefusedAtStart) {
  CollectorOptions options;
  options.forward_otlp_url = "https://otel.example/v1/logs";
  auto server = CollectorServer::Start(options);
  EXPECT_EQ(server.status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace telegate::collector
