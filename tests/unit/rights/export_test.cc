// Access right: the export holds everything buffered, the consent state and
// the ledger; JSON and protobuf carry the same content.
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "rights/json_render.h"
#include "support/client_fixture.h"
#include "support/test_dir.h"
#include "telegate/export.pb.h"

namespace telegate {
namespace {

using ::telegate::testing::OpenOrDie;
using ::telegate::testing::TestDir;
using ::telegate::testing::TestEnv;
using ::testing::HasSubstr;

TEST(ExportTest, HoldsEveryBufferedEventTheConsentStateAndTheLedger) {
  TestDir dir;
  TestEnv env;
  auto client = OpenOrDie(env.Options(dir.path()));
  ASSERT_NE(client, nullptr);
  ASSERT_TRUE(client->AcceptPolicy("1.0").ok());
  ASSERT_TRUE(client->SetConsent("log.search", true).ok());
  ASSERT_TRUE(client->SetConsent("order", true).ok());
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(client->Track("log.search", "search", {{"query", "kettle"}}).ok());
  }
  ASSERT_TRUE(client->Track("order", "order", {{"order_id", "A-7"}}).ok());
  // Not flushed: the export commits the queue first.
  absl::StatusOr<std::string> bytes = client->ExportUserData(ExportFormat::kProtobuf);
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  proto::UserDataExport data;
  ASSERT_TRUE(data.ParseFromString(*bytes));
  EXPECT_EQ(data.app_policy_version(), "1.0");
  EXPECT_EQ(data.accepted_policy_version(), "1.0");
  ASSERT_EQ(data.categories_size(), 13);
  int events = 0;
  for (const proto::CategoryExport& c : data.categories()) {
    events += c.events_size();
    if (c.name() == "log.search") {
      EXPECT_TRUE(c.open());
      EXPECT_TRUE(c.consent_on());
      EXPECT_EQ(c.consent_policy_version(), "1.0");
      ASSERT_EQ(c.events_size(), 3);
      EXPECT_EQ(c.events(0).attributes(0).string_value(), "kettle");
    }
    if (c.name() == "location.precise") {
      EXPECT_THAT(c.closed_reasons(), ::testing::Contains("consent_off"));
    }
  }
  EXPECT_EQ(events, 4);
  EXPECT_GE(data.ledger().records_size(), 5);
  EXPECT_EQ(data.ledger().head_hash(),
            data.ledger().records(data.ledger().records_size() - 1).hash());

  absl::StatusOr<std::string> json = client->ExportUserData(ExportFormat::kJson);
  ASSERT_TRUE(json.ok());
  EXPECT_THAT(*json, HasSubstr("\"order_id\":\"A-7\""));
  EXPECT_THAT(*json, HasSubstr("\"kind\":\"policy_accepted\""));
  EXPECT_EQ(json->find('\n'), std::string::npos) << "one line";
  // Same content in both forms (the export time aside).
  proto::UserDataExport again;
  ASSERT_TRUE(again.ParseFromString(*client->ExportUserData(ExportFormat::kProtobuf)));
  again.set_exported_ms(data.exported_ms());
  EXPECT_EQ(rights_internal::ExportToJson(again), rights_internal::ExportToJson(data));
}

TEST(ExportTest, AFreshInstallExportsAnEmptyRecordAndCreatesNothing) {
  TestDir dir;
  TestEnv env;
  auto client = OpenOrDie(env.Options(dir.path()));
  ASSERT_NE(client, nullptr);
  absl::StatusOr<std::string> json = client->ExportUserData(ExportFormat::kJson);
  ASSERT_TRUE(json.ok());
  EXPECT_THAT(*json, HasSubstr("\"entries\":[]"));
  EXPECT_THAT(dir.Files(), ::testing::IsEmpty());
}

}  // namespace
}  // namespace telegate
