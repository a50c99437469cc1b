// The deletion request of an account deletion, over real HTTP: after
// DeleteAllData the install id being retired (and nothing else) goes to the
// collector that device.identifiers is routed to, though every category is
// closed; it survives a restart and failures until a collector acknowledges
// it, and is never sent to a partner.
#include <sys/stat.h>

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "collector_server.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "support/client_fixture.h"
#include "support/test_dir.h"
#include "telegate/batch.pb.h"
#include "telegate/export.pb.h"
#include "upload_harness.h"

namespace telegate {
namespace {

using collector::CollectorOptions;
using collector::CollectorServer;
using ::telegate::testing::DecodeOrDie;
using ::telegate::testing::OpenOrDie;
using ::telegate::testing::Pump;
using ::telegate::testing::PumpResult;
using ::telegate::testing::TestDir;
using ::telegate::testing::TestEnv;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

class DeletionRequestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    CollectorOptions options;
    options.output_path = dir_.Sub("collected.jsonl");
    auto server = CollectorServer::Start(options);
    ASSERT_TRUE(server.ok()) << server.status();
    collector_ = *std::move(server);
    transport_ = testing::MakeCurlTransport();
    ASSERT_NE(transport_, nullptr);
    env_.permissions.SetQuietly("READ_PHONE_STATE", true);
    ::mkdir(dir_.Sub("data").c_str(), 0700);
    Open();
  }

  void Open() {
    client_.reset();
    client_ = OpenOrDie(env_.Options(dir_.Sub("data")));
    ASSERT_NE(client_, nullptr);
    ASSERT_TRUE(client_->SetEndpoints({{collector_->url(), "CN"}}).ok());
  }

  // Collects device.identifiers (which creates the install id) and returns
  // the install id the collector captured.
  std::string CollectInstallId() {
    return testing::CollectInstallId(client_.get());
  }

  std::vector<std::string> PendingInExport() {
    absl::StatusOr<std::string> bytes =
        client_->ExportUserData(ExportFormat::kProtobuf);
    EXPECT_TRUE(bytes.ok()) << bytes.status();
    proto::UserDataExport data;
    EXPECT_TRUE(data.ParseFromString(bytes.ok() ? *bytes : ""));
    return {data.pending_deletion_install_ids().begin(),
            data.pending_deletion_install_ids().end()};
  }

  UploadTask Task() { return testing::NextTask(client_.get()); }

  TestDir dir_;
  TestEnv env_;
  std::unique_ptr<CollectorServer> collector_;
  std::unique_ptr<desktop::CurlTransport> transport_;
  std::unique_ptr<Client> client_;
};

TEST_F(DeletionRequestTest,
       CarriesOnlyTheRetiredInstallIdAndStopsOnceAcknowledged) {
  const std::string install_id = CollectInstallId();
  ASSERT_FALSE(install_id.empty());
  ASSERT_TRUE(client_->Track("log.search", "search", {{"query", "x"}}).code() ==
              absl::StatusCode::kPermissionDenied);
  ASSERT_TRUE(client_->Flush(absl::Seconds(10)).ok());
  ASSERT_TRUE(client_->DeleteAllData().ok());
  // The one thing still held about the user shows in their export.
  EXPECT_THAT(PendingInExport(), ElementsAre(install_id));

  UploadTask task = Task();
  ASSERT_EQ(task.kind, UploadTask::Kind::kUpload);
  EXPECT_EQ(task.request.event_count, 0);
  collector::DecodedBatch decoded = DecodeOrDie(task.request.body);
  ASSERT_TRUE(decoded.deletion_request.has_value());
  EXPECT_THAT(decoded.deletion_request->install_ids(), ElementsAre(install_id));
  EXPECT_THAT(decoded.events, IsEmpty());
  // The body holds the install id and nothing of the deleted events.
  proto::UploadBody expected;
  *expected.mutable_header() = decoded.header;
  *expected.mutable_deletion_request() = *decoded.deletion_request;
  EXPECT_EQ(task.request.body.size(), expected.ByteSizeLong());

  ASSERT_TRUE(task.request.control->BeginSend());
  EXPECT_EQ(*client_->ReportUploadResult(task.request.task_id,
                                         transport_->Send(task.request)),
            UploadVerdict::kAcknowledged);
  EXPECT_THAT(collector_->retired_install_ids(), ElementsAre(install_id));
  EXPECT_EQ(collector_->stats().deletion_requests, 1);
  EXPECT_EQ(Task().kind, UploadTask::Kind::kDone) << "sent once";
  EXPECT_THAT(PendingInExport(), IsEmpty());
  Open();  // and not again after a restart
  EXPECT_EQ(Task().kind, UploadTask::Kind::kDone);
  EXPECT_EQ(collector_->stats().requests, 1);
}

// Anonymize retires the install id (the device forgets it), so it is the
// last moment anything can ask the server to delete what it holds under it:
// the request is queued then, survives a later DeleteAllData, and is sent.
TEST_F(DeletionRequestTest, AnonymizeAsksTheServerToDeleteWhatTheRetiredIdHas) {
  const std::string install_id = CollectInstallId();
  ASSERT_FALSE(install_id.empty());
  ASSERT_TRUE(client_->Anonymize().ok());
  EXPECT_THAT(PendingInExport(), ElementsAre(install_id));
  ASSERT_TRUE(client_->DeleteAllData().ok());
  EXPECT_THAT(PendingInExport(), ElementsAre(install_id));
  PumpResult delivered = Pump(client_.get(), transport_.get(), &env_.clock);
  EXPECT_TRUE(delivered.finished);
  EXPECT_THAT(collector_->retired_install_ids(), ElementsAre(install_id));
  EXPECT_THAT(PendingInExport(), IsEmpty());
}

TEST_F(DeletionRequestTest, SurvivesRestartsAndFailuresUntilDelivered) {
  const std::string install_id = CollectInstallId();
  ASSERT_TRUE(client_->Flush(absl::Seconds(10)).ok());
  ASSERT_TRUE(client_->DeleteAllData().ok());
  ASSERT_TRUE(client_->Close(absl::Seconds(10)).ok());
  Open();
  collector_->SetFailEvery(1);  // 503 for everything
  PumpResult failing = Pump(client_.get(), transport_.get(), &env_.clock, 5);
  EXPECT_GE(failing.retried, 2);
  EXPECT_EQ(failing.acknowledged, 0);
  EXPECT_GT(failing.waited, absl::ZeroDuration()) << "with backoff";
  EXPECT_THAT(collector_->retired_install_ids(), IsEmpty());
  collector_->SetFailEvery(0);
  PumpResult delivered = Pump(client_.get(), transport_.get(), &env_.clock);
  EXPECT_TRUE(delivered.finished);
  EXPECT_EQ(delivered.acknowledged, 1);
  EXPECT_THAT(collector_->retired_install_ids(), ElementsAre(install_id));
  // The collector's output has the request as a JSON line.
  EXPECT_NE(testing::ReadFileOrEmpty(dir_.Sub("collected.jsonl"))
                .find(absl::StrCat("{\"deletion_request\":{\"install_ids\":[\"",
                                   install_id, "\"]")),
            std::string::npos);
}

TEST_F(DeletionRequestTest, ASecondDeletionBeforeDeliveryRetiresBothIds) {
  const std::string first = CollectInstallId();
  ASSERT_TRUE(client_->DeleteAllData().ok());
  const std::string second = CollectInstallId();
  ASSERT_NE(first, second) << "a new install id after the deletion";
  ASSERT_TRUE(client_->DeleteAllData().ok());
  PumpResult result = Pump(client_.get(), transport_.get(), &env_.clock);
  EXPECT_TRUE(result.finished);
  EXPECT_EQ(result.acknowledged, 1);
  EXPECT_THAT(collector_->retired_install_ids(), ElementsAre(first, second));
}

TEST_F(DeletionRequestTest, WithoutAnInstallIdNothingIsSent) {
  ASSERT_TRUE(client_->SetConsent("log.search", true).ok());
  ASSERT_TRUE(client_->Track("log.search", "search", {{"query", "x"}}).ok());
  ASSERT_TRUE(client_->Flush(absl::Seconds(10)).ok());
  ASSERT_TRUE(client_->DeleteAllData().ok());
  EXPECT_EQ(Task().kind, UploadTask::Kind::kDone);
  EXPECT_EQ(collector_->stats().requests, 0);
}

TEST_F(DeletionRequestTest, NeverGoesToAPartnerOrAcrossTheBorder) {
  auto partner = CollectorServer::Start({});
  ASSERT_TRUE(partner.ok());
  auto abroad = CollectorServer::Start({});
  ASSERT_TRUE(abroad.ok());
  Endpoint partner_endpoint{(*partner)->url(), "CN"};
  partner_endpoint.partner = true;
  ASSERT_TRUE(
      client_->SetEndpoints({partner_endpoint, {(*abroad)->url(), "DE"}}).ok());
  CollectInstallId();
  ASSERT_TRUE(client_->DeleteAllData().ok());
  EXPECT_EQ(Task().kind, UploadTask::Kind::kDone) << "no eligible endpoint";
  // An eligible endpoint appears: the request goes there.
  ASSERT_TRUE(client_
                  ->SetEndpoints({partner_endpoint,
                                  {(*abroad)->url(), "DE"},
                                  {collector_->url(), "CN"}})
                  .ok());
  PumpResult result = Pump(client_.get(), transport_.get(), &env_.clock);
  EXPECT_EQ(result.acknowledged, 1);
  EXPECT_EQ(collector_->stats().deletion_requests, 1);
  EXPECT_EQ((*partner)->stats().requests, 0);
  EXPECT_EQ((*abroad)->stats().requests, 0);
}

// Account deletion also forgets the cross-border consents: a category
// granted again afterwards does not cross the border on the old consent.
TEST_F(DeletionRequestTest, CrossBorderConsentsDoNotOutliveTheDeletion) {
  auto abroad = CollectorServer::Start({});
  ASSERT_TRUE(abroad.ok());
  ASSERT_TRUE(client_->SetEndpoints({{(*abroad)->url(), "DE"}}).ok());
  ASSERT_TRUE(client_->SetConsent("log.search", true).ok());
  ASSERT_TRUE(client_->SetCrossBorderConsent("log.search", "DE", true).ok());
  ASSERT_TRUE(client_->Track("log.search", "search", {{"query", "a"}}).ok());
  ASSERT_TRUE(client_->Flush(absl::Seconds(10)).ok());
  PumpResult before = Pump(client_.get(), transport_.get(), &env_.clock);
  ASSERT_EQ(before.acknowledged, 1) << "positive control: it did cross";

  ASSERT_TRUE(client_->DeleteAllData().ok());
  ASSERT_TRUE(client_->SetConsent("log.search", true).ok());
  ASSERT_TRUE(client_->Track("log.search", "search", {{"query", "b"}}).ok());
  ASSERT_TRUE(client_->Flush(absl::Seconds(10)).ok());
  PumpResult after = Pump(client_.get(), transport_.get(), &env_.clock);
  EXPECT_EQ(after.sent, 0);
  EXPECT_EQ((*abroad)->stats().events, 1);
}

}  // namespace
}  // namespace telegate
