// The full consent model through the client: policy versions, minors, bulk
// consent, bad input, and the hash-chained ledger as stored on disk.
#include <atomic>
#include <thread>

#include "absl/strings/match.h"
#include "catalog/catalog.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "store/ledger_table.h"
#include "store/sqlcipher_db.h"
#include "support/client_fixture.h"
#include "support/forensics.h"
#include "support/test_dir.h"
#include "telegate/ledger.pb.h"
#include "util/files.h"

namespace telegate {
namespace {

using ::telegate::testing::OpenOrDie;
using ::telegate::testing::PolicyAt;
using ::telegate::testing::TestDir;
using ::telegate::testing::TestEnv;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

CategoryStatus StatusOf(Client* client, const std::string& name) {
  for (const CategoryStatus& s : client->GetCategoryStatus()) {
    if (s.name == name) return s;
  }
  ADD_FAILURE() << "no category " << name;
  return CategoryStatus();
}

std::vector<proto::LedgerEntry> Ledger(Client* client) {
  absl::StatusOr<std::string> bytes = client->ExportLedger();
  EXPECT_TRUE(bytes.ok()) << bytes.status();
  proto::LedgerExport ledger;
  EXPECT_TRUE(ledger.ParseFromString(bytes.ok() ? *bytes : ""));
  std::vector<proto::LedgerEntry> entries;
  for (const proto::LedgerRecord& r : ledger.records()) {
    proto::LedgerEntry e;
    EXPECT_TRUE(e.ParseFromString(r.entry()));
    entries.push_back(e);
  }
  return entries;
}

const proto::LedgerEntry* FindEntry(const std::vector<proto::LedgerEntry>& all,
                                    proto::LedgerKind kind,
                                    const std::string& category) {
  for (const proto::LedgerEntry& e : all) {
    if (e.kind() == kind && e.category() == category) return &e;
  }
  return nullptr;
}

absl::Status TrackFix(Client* client) {
  return client->Track("location.precise", "fix",
                       {{"latitude", 31.2}, {"longitude", 121.4}});
}

class ConsentTest : public ::testing::Test {
 protected:
  std::unique_ptr<Client> Open(const std::string& policy = "") {
    ClientOptions options = env_.Options(dir_.path());
    options.policy_document = policy;
    return OpenOrDie(options);
  }
  std::string File(const std::string& category) {
    return dir_.Sub("events/" + category + ".db");
  }

  TestDir dir_;
  TestEnv env_;
};

TEST_F(ConsentTest, AMajorPolicyChangePurgesTheRedefinedCategoryAtOpen) {
  env_.permissions.SetQuietly("ACCESS_FINE_LOCATION", true);
  auto client = Open(PolicyAt(1, 0, 1));
  ASSERT_NE(client, nullptr);
  ASSERT_TRUE(client->AcceptPolicy("1.0").ok());
  ASSERT_TRUE(client->SetConsent("location.precise", true).ok());
  ASSERT_TRUE(client->SetConsent("log.search", true).ok());
  ASSERT_TRUE(TrackFix(client.get()).ok());
  ASSERT_TRUE(client->Track("log.search", "search", {{"query", "q"}}).ok());
  ASSERT_TRUE(client->Close(absl::Seconds(10)).ok());
  ASSERT_TRUE(util_internal::PathExists(File("location.precise")));

  // The app updates: policy 2.0 changes what location.precise means.
  client = Open(PolicyAt(2, 0, 2));
  ASSERT_NE(client, nullptr);
  EXPECT_FALSE(util_internal::PathExists(File("location.precise")))
      << "purged before Open returned";
  EXPECT_FALSE(env_.keys.Has("telegate.category.location.precise"));
  CategoryStatus precise = StatusOf(client.get(), "location.precise");
  EXPECT_FALSE(precise.open);
  EXPECT_THAT(precise.reasons, ElementsAre(ClosedReason::kPolicyReconsent));
  EXPECT_EQ(StatusOf(client.get(), "log.search").buffered_events, 1)
      << "an unchanged category keeps its consent and its events";
  EXPECT_EQ(TrackFix(client.get()).code(), absl::StatusCode::kPermissionDenied);

  // Switching it on again under the old accepted policy is not enough...
  ASSERT_TRUE(client->SetConsent("location.precise", true).ok());
  EXPECT_FALSE(StatusOf(client.get(), "location.precise").open);
  // ...the user must accept 2.0 and then agree again.
  ASSERT_TRUE(client->AcceptPolicy("2.0").ok());
  EXPECT_FALSE(StatusOf(client.get(), "location.precise").open);
  ASSERT_TRUE(client->SetConsent("location.precise", true).ok());
  precise = StatusOf(client.get(), "location.precise");
  EXPECT_TRUE(precise.open);
  EXPECT_EQ(precise.consent_policy_version, "2.0");

  auto ledger = Ledger(client.get());
  const proto::LedgerEntry* purge =
      FindEntry(ledger, proto::PURGE, "location.precise");
  ASSERT_NE(purge, nullptr);
  EXPECT_EQ(purge->source(), proto::STARTUP);
  EXPECT_EQ(purge->purged_events(), 1);
  EXPECT_EQ(purge->detail(), "policy_reconsent");
}

TEST_F(ConsentTest, AMinorPolicyChangeKeepsEveryConsent) {
  auto client = Open(PolicyAt(1, 0, 1, /*reconsent_all=*/true));
  ASSERT_NE(client, nullptr);
  ASSERT_TRUE(client->SetConsent("log.search", true).ok());
  ASSERT_TRUE(client->Close(absl::Seconds(10)).ok());
  client = Open(PolicyAt(1, 3, 1, /*reconsent_all=*/true));
  ASSERT_NE(client, nullptr);
  EXPECT_TRUE(StatusOf(client.get(), "log.search").open);
}

TEST_F(ConsentTest, APolicyThatSaysSoClosesEveryCategoryOnAMajorChange) {
  auto client = Open(PolicyAt(1, 0, 1));
  ASSERT_NE(client, nullptr);
  ASSERT_TRUE(client->SetConsent("log.search", true).ok());
  ASSERT_TRUE(client->Close(absl::Seconds(10)).ok());
  client = Open(PolicyAt(2, 0, 1, /*reconsent_all=*/true));
  ASSERT_NE(client, nullptr);
  EXPECT_THAT(StatusOf(client.get(), "log.search").reasons,
              ElementsAre(ClosedReason::kPolicyReconsent));
}

TEST_F(ConsentTest, BadPolicyInputIsRefusedAndChangesNothing) {
  auto client = Open(PolicyAt(2, 0, 1));
  ASSERT_NE(client, nullptr);
  EXPECT_EQ(client->AcceptPolicy("two").code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(client->AcceptPolicy("3.0").code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(client->AcceptPolicy("1.5").code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(client->SetConsent("no.such", true).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(dir_.Files(), ::testing::IsEmpty()) << "nothing recorded";
  ASSERT_TRUE(client->AcceptPolicy("2.0").ok());
  size_t entries = Ledger(client.get()).size();
  absl::Status backwards = client->AcceptPolicy("1.0");
  EXPECT_EQ(backwards.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(backwards.message(), HasSubstr("older"));
  EXPECT_EQ(Ledger(client.get()).size(), entries);
}

TEST_F(ConsentTest, BulkAcceptNeverOpensASensitiveCategory) {
  env_.permissions.SetQuietly("ACCESS_FINE_LOCATION", true);
  auto client = Open();
  ASSERT_NE(client, nullptr);
  ASSERT_TRUE(client->SetAllConsents(true).ok());
  for (const CategoryStatus& s : client->GetCategoryStatus()) {
    if (s.sensitivity == Sensitivity::kSensitive) {
      EXPECT_FALSE(s.consent_on) << s.name;
      EXPECT_THAT(s.reasons, Contains(ClosedReason::kConsentOff)) << s.name;
    } else {
      EXPECT_TRUE(s.consent_on) << s.name;
    }
  }
  EXPECT_TRUE(StatusOf(client.get(), "log.search").open);
  EXPECT_FALSE(StatusOf(client.get(), "order").open);
  EXPECT_EQ(TrackFix(client.get()).code(), absl::StatusCode::kPermissionDenied);
}

TEST_F(ConsentTest, BulkRejectRevokesEverythingAsABarrier) {
  env_.permissions.SetQuietly("ACCESS_FINE_LOCATION", true);
  auto client = Open();
  ASSERT_NE(client, nullptr);
  ASSERT_TRUE(client->SetAllConsents(true).ok());
  ASSERT_TRUE(client->SetConsent("location.precise", true).ok());
  ASSERT_TRUE(TrackFix(client.get()).ok());
  ASSERT_TRUE(client->Track("log.search", "search", {{"query", "q"}}).ok());
  ASSERT_TRUE(client->Flush(absl::Seconds(10)).ok());
  ASSERT_TRUE(client->SetAllConsents(false).ok());
  EXPECT_THAT(util_internal::ListFiles(dir_.Sub("events")).value(),
              ::testing::IsEmpty());
  for (const CategoryStatus& s : client->GetCategoryStatus()) {
    EXPECT_FALSE(s.open) << s.name;
  }
}

TEST_F(ConsentTest, MarkingAMinorPurgesSensitiveAndIdentifyingCategories) {
  auto client = Open();
  ASSERT_NE(client, nullptr);
  ASSERT_TRUE(client->SetConsent("order", true).ok());
  ASSERT_TRUE(client->SetConsent("log.search", true).ok());
  ASSERT_TRUE(client->Track("order", "order", {{"order_id", "A-1"}}).ok());
  ASSERT_TRUE(client->Track("log.search", "search", {{"query", "q"}}).ok());
  ASSERT_TRUE(client->Flush(absl::Seconds(10)).ok());

  ASSERT_TRUE(client->SetMinor(true).ok());
  EXPECT_FALSE(util_internal::PathExists(File("order")));
  EXPECT_FALSE(env_.keys.Has("telegate.category.order"));
  EXPECT_THAT(StatusOf(client.get(), "order").reasons,
              ElementsAre(ClosedReason::kMinor));
  EXPECT_EQ(StatusOf(client.get(), "log.search").buffered_events, 1);

  ASSERT_TRUE(client->SetGuardianConsent(true).ok());
  EXPECT_TRUE(StatusOf(client.get(), "order").open);
  ASSERT_TRUE(client->Track("order", "order", {{"order_id", "A-2"}}).ok());
  ASSERT_TRUE(client->Flush(absl::Seconds(10)).ok());
  ASSERT_TRUE(client->SetGuardianConsent(false).ok());
  EXPECT_FALSE(util_internal::PathExists(File("order")));
  ASSERT_TRUE(client->SetMinor(false).ok());
  EXPECT_TRUE(StatusOf(client.get(), "order").open);

  auto ledger = Ledger(client.get());
  const proto::LedgerEntry* purge = FindEntry(ledger, proto::PURGE, "order");
  ASSERT_NE(purge, nullptr);
  EXPECT_EQ(purge->detail(), "minor");
  EXPECT_EQ(purge->purged_events(), 1);
}

TEST_F(ConsentTest, MinorStatusSurvivesARestart) {
  auto client = Open();
  ASSERT_NE(client, nullptr);
  ASSERT_TRUE(client->SetMinor(true).ok());
  ASSERT_TRUE(client->SetConsent("order", true).ok());
  ASSERT_TRUE(client->Close(absl::Seconds(10)).ok());
  client = Open();
  ASSERT_NE(client, nullptr);
  EXPECT_THAT(StatusOf(client.get(), "order").reasons,
              ElementsAre(ClosedReason::kMinor));
}

TEST_F(ConsentTest, MinorToggledWhileProducersRunLeavesNothingBehind) {
  auto client = Open();
  ASSERT_NE(client, nullptr);
  ASSERT_TRUE(client->SetConsent("order", true).ok());
  std::atomic<bool> stop{false};
  std::atomic<int> tracked{0};
  std::vector<std::thread> producers;
  for (int t = 0; t < 3; ++t) {
    producers.emplace_back([&] {
      while (!stop.load()) {
        if (client->Track("order", "order", {{"order_id", "MINOR-MARKER"}})
                .ok()) {
          ++tracked;
        }
      }
    });
  }
  for (int round = 0; round < 10; ++round) {
    int before = tracked.load();
    while (tracked.load() < before + 200) std::this_thread::yield();
    ASSERT_TRUE(client->SetMinor(true).ok());
    EXPECT_FALSE(util_internal::PathExists(File("order"))) << round;
    EXPECT_FALSE(env_.keys.Has("telegate.category.order")) << round;
    ASSERT_TRUE(client->SetMinor(false).ok());
  }
  ASSERT_TRUE(client->SetMinor(true).ok());
  stop = true;
  for (std::thread& t : producers) t.join();
  ASSERT_TRUE(client->Flush(absl::Seconds(10)).ok());
  EXPECT_FALSE(util_internal::PathExists(File("order")));
  EXPECT_THAT(testing::FilesContaining(dir_.path(), "MINOR-MARKER"),
              ::testing::IsEmpty());
}

TEST_F(ConsentTest, TheLedgerRecordsEveryStepAndNoEventContent) {
  env_.permissions.SetQuietly("ACCESS_FINE_LOCATION", true);
  auto client = Open();
  ASSERT_NE(client, nullptr);
  ASSERT_TRUE(client->AcceptPolicy("1.0").ok());
  ASSERT_TRUE(client->SetConsent("location.precise", true).ok());
  ASSERT_TRUE(client
                  ->Track("location.precise", "fix",
                          {{"latitude", 12.3456789}, {"longitude", 98.7654321}})
                  .ok());
  ASSERT_TRUE(client->Flush(absl::Seconds(10)).ok());
  env_.permissions.Set("ACCESS_FINE_LOCATION", false);
  ASSERT_TRUE(client->SetConsent("location.precise", false).ok());
  ASSERT_TRUE(client->SetMinor(true).ok());
  ASSERT_TRUE(client->SetGuardianConsent(true).ok());
  EXPECT_TRUE(client->VerifyLedger().ok());

  std::vector<proto::LedgerKind> kinds;
  for (const proto::LedgerEntry& e : Ledger(client.get()))
    kinds.push_back(e.kind());
  EXPECT_THAT(
      kinds,
      ElementsAre(proto::POLICY_ACCEPTED, proto::CONSENT_GRANTED,
                  proto::CATEGORY_OPENED, proto::PERMISSION_CHANGED,
                  proto::CATEGORY_CLOSED, proto::PURGE, proto::CONSENT_REVOKED,
                  proto::MINOR_SET, proto::GUARDIAN_SET));
  auto ledger = Ledger(client.get());
  const proto::LedgerEntry* closed =
      FindEntry(ledger, proto::CATEGORY_CLOSED, "location.precise");
  ASSERT_NE(closed, nullptr);
  EXPECT_EQ(closed->source(), proto::OS);
  EXPECT_EQ(closed->detail(), "permission_missing(ACCESS_FINE_LOCATION)");
  EXPECT_EQ(
      FindEntry(ledger, proto::PURGE, "location.precise")->purged_events(), 1);
  // The ledger holds no event content: the coordinates are nowhere in it.
  absl::StatusOr<std::string> bytes = client->ExportLedger();
  ASSERT_TRUE(bytes.ok());
  double lat = 12.3456789;
  EXPECT_EQ(bytes->find(std::string(reinterpret_cast<char*>(&lat), 8)),
            std::string::npos);
}

TEST_F(ConsentTest, TamperingWithTheLedgerInTheDatabaseIsDetected) {
  auto client = Open();
  ASSERT_NE(client, nullptr);
  ASSERT_TRUE(client->SetConsent("log.search", true).ok());
  ASSERT_TRUE(client->SetConsent("log.search", false).ok());
  ASSERT_TRUE(client->SetConsent("order", true).ok());
  ASSERT_TRUE(client->VerifyLedger().ok());
  ASSERT_TRUE(client->Close(absl::Seconds(10)).ok());
  client.reset();

  absl::StatusOr<SecretBytes> key = env_.keys.Get("telegate.db");
  ASSERT_TRUE(key.ok());
  {
    store_internal::OpenOptions options;
    options.create = false;
    auto db = store_internal::SqlcipherDb::Open(dir_.Sub("telegate.db"), *key,
                                                options);
    ASSERT_TRUE(db.ok()) << db.status();
    // Someone with the key rewrites history: the revoke becomes a grant.
    auto records = store_internal::LedgerTable::ReadAll(db->get());
    ASSERT_TRUE(records.ok());
    ASSERT_GE(records->size(), 4u);
    proto::LedgerEntry e;
    ASSERT_TRUE(e.ParseFromString((*records)[2].entry()));
    ASSERT_EQ(e.kind(), proto::CONSENT_REVOKED);
    e.set_kind(proto::CONSENT_GRANTED);
    auto stmt = (*db)->Prepare("UPDATE ledger SET entry = ? WHERE seq = 3");
    ASSERT_TRUE(stmt.ok());
    stmt->BindBlob(1, e.SerializeAsString());
    ASSERT_TRUE(stmt->Run().ok());
  }
  client = Open();
  ASSERT_NE(client, nullptr);
  absl::Status verified = client->VerifyLedger();
  EXPECT_EQ(verified.code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(verified.message(), HasSubstr("entry 3"));
  EXPECT_EQ(client->ExportLedger().status().code(),
            absl::StatusCode::kDataLoss);
}

TEST_F(ConsentTest, DeletingALedgerRowIsDetected) {
  auto client = Open();
  ASSERT_NE(client, nullptr);
  ASSERT_TRUE(client->SetConsent("log.search", true).ok());
  ASSERT_TRUE(client->SetConsent("order", true).ok());
  ASSERT_TRUE(client->Close(absl::Seconds(10)).ok());
  client.reset();
  absl::StatusOr<SecretBytes> key = env_.keys.Get("telegate.db");
  ASSERT_TRUE(key.ok());
  {
    store_internal::OpenOptions options;
    options.create = false;
    auto db = store_internal::SqlcipherDb::Open(dir_.Sub("telegate.db"), *key,
                                                options);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->Exec("DELETE FROM ledger WHERE seq = 2").ok());
  }
  client = Open();
  ASSERT_NE(client, nullptr);
  EXPECT_EQ(client->VerifyLedger().code(), absl::StatusCode::kDataLoss);
}

TEST_F(ConsentTest, APermissionLostWhileNotRunningIsRecordedAtStartup) {
  env_.permissions.SetQuietly("ACCESS_FINE_LOCATION", true);
  auto client = Open();
  ASSERT_NE(client, nullptr);
  ASSERT_TRUE(client->SetConsent("location.precise", true).ok());
  ASSERT_TRUE(TrackFix(client.get()).ok());
  ASSERT_TRUE(client->Close(absl::Seconds(10)).ok());
  env_.permissions.SetQuietly("ACCESS_FINE_LOCATION", false);
  client = Open();
  ASSERT_NE(client, nullptr);
  auto ledger = Ledger(client.get());
  const proto::LedgerEntry* changed =
      FindEntry(ledger, proto::PERMISSION_CHANGED, "");
  ASSERT_NE(changed, nullptr);
  EXPECT_EQ(changed->permission(), "ACCESS_FINE_LOCATION");
  EXPECT_FALSE(changed->on());
  EXPECT_EQ(changed->source(), proto::STARTUP);
  const proto::LedgerEntry* purge =
      FindEntry(ledger, proto::PURGE, "location.precise");
  ASSERT_NE(purge, nullptr);
  EXPECT_EQ(purge->purged_events(), 1);
  EXPECT_NE(FindEntry(ledger, proto::RECONCILED, ""), nullptr);
}

TEST_F(ConsentTest, CrossBorderConsentIsRecordedInTheLedger) {
  auto client = Open();
  ASSERT_NE(client, nullptr);
  ASSERT_TRUE(client->SetConsent("log.search", true).ok());
  ASSERT_TRUE(client->SetCrossBorderConsent("log.search", "SG", true).ok());
  ASSERT_TRUE(client->SetCrossBorderConsent("log.search", "SG", false).ok());
  EXPECT_EQ(client->SetCrossBorderConsent("log.search", "sg", true).code(),
            absl::StatusCode::kInvalidArgument);
  std::vector<bool> states;
  for (const proto::LedgerEntry& e : Ledger(client.get())) {
    if (e.kind() != proto::CROSS_BORDER) continue;
    EXPECT_EQ(e.category(), "log.search");
    EXPECT_EQ(e.detail(), "region=SG");
    states.push_back(e.on());
  }
  EXPECT_THAT(states, ElementsAre(true, false));
  EXPECT_TRUE(client->VerifyLedger().ok());
}

// What the next upload task of a client whose only endpoint is in SG holds.
UploadTask::Kind NextTaskKind(Client* client) {
  absl::StatusOr<UploadTask> task = client->GetUploadTask();
  EXPECT_TRUE(task.ok()) << task.status();
  return task.ok() ? task->kind : UploadTask::Kind::kDone;
}

int CrossBorderEnded(Client* client, const std::string& category) {
  int n = 0;
  for (const proto::LedgerEntry& e : Ledger(client)) {
    if (e.kind() == proto::CROSS_BORDER && e.category() == category &&
        !e.on() && absl::StrContains(e.detail(), "ended with")) {
      ++n;
    }
  }
  return n;
}

// A cross-border consent hangs on the category's own consent: given under
// one consent, it used to carry over to the next one (after off -> on) and
// batches went to SG on the old permission.
TEST_F(ConsentTest, CrossBorderConsentEndsWhenTheCategorysConsentEnds) {
  auto client = Open();
  ASSERT_NE(client, nullptr);
  ASSERT_TRUE(client->SetEndpoints({{"https://sg.example/v1", "SG"}}).ok());
  EXPECT_EQ(client->SetCrossBorderConsent("log.search", "SG", true).code(),
            absl::StatusCode::kFailedPrecondition)
      << "not before the category's own consent";
  ASSERT_TRUE(client->SetConsent("log.search", true).ok());
  ASSERT_TRUE(client->SetCrossBorderConsent("log.search", "SG", true).ok());
  ASSERT_TRUE(client->Track("log.search", "search", {{"query", "q1"}}).ok());
  ASSERT_TRUE(client->Flush(absl::Seconds(10)).ok());
  EXPECT_EQ(NextTaskKind(client.get()), UploadTask::Kind::kUpload);  // control

  ASSERT_TRUE(client->SetConsent("log.search", false).ok());
  ASSERT_TRUE(client->SetConsent("log.search", true).ok());
  ASSERT_TRUE(client->Track("log.search", "search", {{"query", "q2"}}).ok());
  ASSERT_TRUE(client->Flush(absl::Seconds(10)).ok());
  EXPECT_EQ(NextTaskKind(client.get()), UploadTask::Kind::kDone)
      << "nothing may cross the border on the old permission";
  EXPECT_EQ(CrossBorderEnded(client.get(), "log.search"), 1);

  // Across a restart too, and the user can give it again.
  ASSERT_TRUE(client->Close(absl::Seconds(10)).ok());
  client = Open();
  ASSERT_NE(client, nullptr);
  ASSERT_TRUE(client->SetEndpoints({{"https://sg.example/v1", "SG"}}).ok());
  EXPECT_EQ(NextTaskKind(client.get()), UploadTask::Kind::kDone);
  ASSERT_TRUE(client->SetCrossBorderConsent("log.search", "SG", true).ok());
  EXPECT_EQ(NextTaskKind(client.get()), UploadTask::Kind::kUpload);
}

TEST_F(ConsentTest, CrossBorderConsentEndsWithAPolicyReconsentAndAMinor) {
  env_.permissions.SetQuietly("ACCESS_FINE_LOCATION", true);
  {
    auto client = Open(PolicyAt(1, 0, 1));
    ASSERT_NE(client, nullptr);
    ASSERT_TRUE(client->AcceptPolicy("1.0").ok());
    ASSERT_TRUE(client->SetConsent("location.precise", true).ok());
    ASSERT_TRUE(
        client->SetCrossBorderConsent("location.precise", "SG", true).ok());
    ASSERT_TRUE(client->Close(absl::Seconds(10)).ok());
  }
  // Policy 2.0 redefines location.precise; the user accepts it and consents
  // again: the SG permission given under 1.0 does not come back.
  auto client = Open(PolicyAt(2, 0, 2));
  ASSERT_NE(client, nullptr);
  ASSERT_TRUE(client->AcceptPolicy("2.0").ok());
  ASSERT_TRUE(client->SetConsent("location.precise", true).ok());
  ASSERT_TRUE(client->SetEndpoints({{"https://sg.example/v1", "SG"}}).ok());
  ASSERT_TRUE(TrackFix(client.get()).ok());
  ASSERT_TRUE(client->Flush(absl::Seconds(10)).ok());
  EXPECT_EQ(NextTaskKind(client.get()), UploadTask::Kind::kDone);
  EXPECT_EQ(CrossBorderEnded(client.get(), "location.precise"), 1);

  // Given again under 2.0, then the user is marked a minor.
  ASSERT_TRUE(
      client->SetCrossBorderConsent("location.precise", "SG", true).ok());
  ASSERT_TRUE(client->SetMinor(true).ok());
  ASSERT_TRUE(client->SetGuardianConsent(true).ok());
  ASSERT_TRUE(TrackFix(client.get()).ok());
  ASSERT_TRUE(client->Flush(absl::Seconds(10)).ok());
  EXPECT_EQ(NextTaskKind(client.get()), UploadTask::Kind::kDone);
  EXPECT_EQ(CrossBorderEnded(client.get(), "location.precise"), 2);
}

TEST_F(ConsentTest, ForegroundReconciliationPurgesALostPermission) {
  env_.permissions.SetQuietly("ACCESS_FINE_LOCATION", true);
  auto client = Open();
  ASSERT_NE(client, nullptr);
  ASSERT_TRUE(client->SetConsent("location.precise", true).ok());
  ASSERT_TRUE(TrackFix(client.get()).ok());
  ASSERT_TRUE(client->Flush(absl::Seconds(10)).ok());
  env_.permissions.SetQuietly("ACCESS_FINE_LOCATION",
                              false);  // no notification
  EXPECT_TRUE(util_internal::PathExists(File("location.precise")));
  ASSERT_TRUE(client->RefreshPermissions().ok());  // app comes to foreground
  EXPECT_FALSE(util_internal::PathExists(File("location.precise")));
}

}  // namespace
}  // namespace telegate
