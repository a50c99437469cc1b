// What counts as the pipeline having accepted a forward: only a 2xx with an
// ExportLogsServiceResponse that rejects nothing.
#include "otlp_exporter.h"

#include <string>

#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "otlp_mapping.h"
#include "support/otlp_receiver.h"

namespace telegate::collector {
namespace {

using ::telegate::testing::OtlpReceiver;
using ::telegate::testing::OtlpRequest;
using ::testing::HasSubstr;

TEST(ParseOtlpUrlTest, TakesHostPortAndPath) {
  absl::StatusOr<OtlpEndpoint> e =
      ParseOtlpUrl("http://127.0.0.1:4318/v1/logs");
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_EQ(e->host, "127.0.0.1");
  EXPECT_EQ(e->port, 4318);
  EXPECT_EQ(e->path, "/v1/logs");
  e = ParseOtlpUrl("http://otel-agent");
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_EQ(e->host, "otel-agent");
  EXPECT_EQ(e->port, 80);
  EXPECT_EQ(e->path, "/v1/logs") << "the OTLP/HTTP default path for logs";
  e = ParseOtlpUrl("http://[::1]:4318/custom/logs");
  ASSERT_TRUE(e.ok()) << e.status();
  EXPECT_EQ(e->host, "::1");
  EXPECT_EQ(e->port, 4318);
  EXPECT_EQ(e->path, "/custom/logs");
}

TEST(ParseOtlpUrlTest, RefusesWhatItCannotUse) {
  EXPECT_THAT(ParseOtlpUrl("https://otel:4318/v1/logs").status().message(),
              HasSubstr("only http://"));
  EXPECT_THAT(ParseOtlpUrl("otel:4318").status().message(),
              HasSubstr("must start with http://"));
  EXPECT_THAT(ParseOtlpUrl("http://:4318/").status().message(),
              HasSubstr("no host"));
  EXPECT_THAT(ParseOtlpUrl("http://otel:99999/").status().message(),
              HasSubstr("port"));
  EXPECT_THAT(ParseOtlpUrl("http://otel:x/").status().message(),
              HasSubstr("port"));
  EXPECT_THAT(ParseOtlpUrl("http://[::1/").status().message(),
              HasSubstr("unclosed"));
  EXPECT_THAT(ParseOtlpUrl("http://user@otel/").status().message(),
              HasSubstr("user info"));
}

class OtlpExporterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto receiver = OtlpReceiver::Start();
    ASSERT_TRUE(receiver.ok()) << receiver.status();
    receiver_ = *std::move(receiver);
    OtlpExporterOptions options;
    options.url = receiver_->url();
    options.timeout = absl::Seconds(30);
    auto exporter = OtlpExporter::Create(options);
    ASSERT_TRUE(exporter.ok()) << exporter.status();
    exporter_ = *std::move(exporter);
  }

  static OtlpRequest Request() {
    proto::BatchHeader header;
    header.set_batch_id(std::string(16, 'b'));
    proto::Event e;
    e.set_id(std::string(16, 'e'));
    e.set_category("log.search");
    e.set_name("search");
    return BuildLogsRequest(header, {&e}, nullptr, absl::Now());
  }

  std::unique_ptr<OtlpReceiver> receiver_;
  std::unique_ptr<OtlpExporter> exporter_;
};

TEST_F(OtlpExporterTest, A2xxWithNothingRejectedIsAccepted) {
  OtlpRequest request = Request();
  EXPECT_TRUE(exporter_->Export(request).ok());
  ASSERT_EQ(receiver_->accepted().size(), 1u);
  EXPECT_EQ(receiver_->accepted()[0].SerializeAsString(),
            request.SerializeAsString())
      << "sent as binary protobuf, decoded as sent";
}

TEST_F(OtlpExporterTest, APartialSuccessRejectingRecordsIsNotAccepted) {
  receiver_->SetAnswer(OtlpReceiver::Answer::kPartialSuccess);
  absl::Status s = exporter_->Export(Request());
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(s.message(), HasSubstr("rejected 1 log records"));
}

TEST_F(OtlpExporterTest, AnUnavailablePipelineIsNotAccepted) {
  receiver_->SetAnswer(OtlpReceiver::Answer::kUnavailable);
  absl::Status s = exporter_->Export(Request());
  EXPECT_EQ(s.code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(s.message(), HasSubstr("503"));
}

TEST_F(OtlpExporterTest, ARefusedRequestIsNotAccepted) {
  receiver_->SetAnswer(OtlpReceiver::Answer::kBadRequest);
  absl::Status s = exporter_->Export(Request());
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(s.message(), HasSubstr("400"));
}

TEST_F(OtlpExporterTest, A2xxThatIsNotAnOtlpAnswerIsNotAccepted) {
  receiver_->SetAnswer(OtlpReceiver::Answer::kNotOtlp);
  absl::Status s = exporter_->Export(Request());
  EXPECT_EQ(s.code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(s.message(), HasSubstr("without an ExportLogsServiceResponse"));
}

TEST_F(OtlpExporterTest,
       APipelineThatIsDownIsNotAcceptedAndOneBackIsUsedAgain) {
  ASSERT_TRUE(exporter_->Export(Request()).ok());  // a kept-alive connection
  receiver_->Stop();
  absl::Status s = exporter_->Export(Request());
  EXPECT_EQ(s.code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(s.message(), HasSubstr("no answer"));
  ASSERT_TRUE(receiver_->Restart().ok());
  EXPECT_TRUE(exporter_->Export(Request()).ok());
  EXPECT_EQ(receiver_->accepted().size(), 2u);
}

TEST_F(OtlpExporterTest, AKeptAliveConnectionThePipelineClosedIsReplaced) {
  ASSERT_TRUE(exporter_->Export(Request()).ok());
  ASSERT_TRUE(receiver_->Restart().ok());  // closes the idle connection
  EXPECT_TRUE(exporter_->Export(Request()).ok());
  EXPECT_EQ(receiver_->accepted().size(), 2u);
}

TEST_F(OtlpExporterTest, APipelineThatDoesNotAnswerInTimeIsNotAccepted) {
  OtlpExporterOptions options;
  options.url = receiver_->url();
  options.timeout = absl::Milliseconds(200);
  auto exporter = OtlpExporter::Create(options);
  ASSERT_TRUE(exporter.ok());
  receiver_->Hold();
  absl::Status s = (*exporter)->Export(Request());
  receiver_->Release();
  EXPECT_EQ(s.code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(s.message(), HasSubstr("no answer"));
}

}  // namespace
}  // namespace telegate::collector
