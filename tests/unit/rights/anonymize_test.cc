// Anonymization through the client: stored events are rewritten, the keys
// the originals lived under are destroyed, later events follow, and an
// interrupted run completes at the next open. Checked on decrypted pages.
#include <cstring>
#include <map>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "store/sqlcipher_db.h"
#include "support/client_fixture.h"
#include "support/forensics.h"
#include "support/stored_events.h"
#include "support/test_dir.h"
#include "telegate/export.pb.h"
#include "telegate/ledger.pb.h"
#include "util/files.h"

namespace telegate {
namespace {

using ::telegate::testing::CategoryKeyInEitherSlot;
using ::telegate::testing::DecryptedPagesContaining;
using ::telegate::testing::FilesContaining;
using ::telegate::testing::OpenOrDie;
using ::telegate::testing::TestDir;
using ::telegate::testing::TestEnv;
using ::testing::IsEmpty;

constexpr char kInstall[] = "INSTALL-SECRET-4711";
constexpr char kOrder[] = "ORDER-SECRET-0815";
constexpr char kIp[] = "203.0.113.77";
constexpr double kLatitude = 31.230416;

std::string DoubleBytes(double d) {
  char b[8];
  std::memcpy(b, &d, 8);
  return std::string(b, 8);
}

// Pages (file and WAL frames) of the category's file holding `marker`,
// decrypted with `key`.
int Pages(const TestDir& dir, const std::string& c, const SecretBytes& key,
          absl::string_view marker) {
  // DecryptedPagesContaining reads the file and every frame of its WAL.
  std::string path = dir.Sub(absl::StrCat("events/", c, ".db"));
  if (testing::ReadFileOrEmpty(path).empty()) return 0;
  absl::StatusOr<int> n = DecryptedPagesContaining(path, key, marker);
  EXPECT_TRUE(n.ok()) << path << ": " << n.status();
  return n.ok() ? *n : 0;
}

class AnonymizeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    env_.permissions.SetQuietly("ACCESS_FINE_LOCATION", true);
    env_.permissions.SetQuietly("READ_PHONE_STATE", true);
    client_ = OpenOrDie(env_.Options(dir_.path()));
    ASSERT_NE(client_, nullptr);
    for (const char* c : {"location.precise", "log.access", "order",
                          "device.identifiers", "log.search"}) {
      ASSERT_TRUE(client_->SetConsent(c, true).ok()) << c;
    }
  }
  void TrackIdentifyingEvents() {
    ASSERT_TRUE(client_
                    ->Track("location.precise", "fix",
                            {{"latitude", kLatitude},
                             {"longitude", 121.473701},
                             {"altitude_m", 17.5}})
                    .ok());
    ASSERT_TRUE(client_
                    ->Track("log.access", "access",
                            {{"ip", kIp}, {"browser", "Firefox 120"}})
                    .ok());
    ASSERT_TRUE(client_
                    ->Track("order", "order",
                            {{"order_id", kOrder}, {"currency", "CNY"}})
                    .ok());
    ASSERT_TRUE(client_
                    ->Track("device.identifiers", "identifiers",
                            {{"install_id", kInstall}})
                    .ok());
    ASSERT_TRUE(
        client_->Track("log.search", "search", {{"query", "kettle"}}).ok());
    ASSERT_TRUE(client_->Flush(absl::Seconds(10)).ok());
  }
  proto::UserDataExport Export() {
    proto::UserDataExport data;
    absl::StatusOr<std::string> bytes =
        client_->ExportUserData(ExportFormat::kProtobuf);
    EXPECT_TRUE(bytes.ok()) << bytes.status();
    EXPECT_TRUE(data.ParseFromString(bytes.ok() ? *bytes : ""));
    return data;
  }
  void ExpectNoIdentifyingValueOnDisk() {
    for (const char* c : {"location.precise", "log.access", "order",
                          "device.identifiers", "log.search"}) {
      absl::StatusOr<SecretBytes> key = CategoryKeyInEitherSlot(&env_.keys, c);
      if (!key.ok()) continue;
      EXPECT_EQ(Pages(dir_, c, *key, kInstall), 0) << c;
      EXPECT_EQ(Pages(dir_, c, *key, kOrder), 0) << c;
      EXPECT_EQ(Pages(dir_, c, *key, kIp), 0) << c;
      EXPECT_EQ(Pages(dir_, c, *key, DoubleBytes(kLatitude)), 0) << c;
    }
    EXPECT_THAT(FilesContaining(dir_.path(), kOrder), IsEmpty());
  }

  TestDir dir_;
  TestEnv env_;
  std::unique_ptr<Client> client_;
};

TEST_F(AnonymizeTest, RewritesWhatIsBufferedAndKeepsNoIdentifyingValue) {
  TrackIdentifyingEvents();
  absl::StatusOr<SecretBytes> old_key =
      CategoryKeyInEitherSlot(&env_.keys, "order");
  ASSERT_TRUE(old_key.ok());
  // Positive control: before, the originals are on the decrypted pages.
  ASSERT_GT(Pages(dir_, "order", *old_key, kOrder), 0);

  ASSERT_TRUE(client_->Anonymize().ok());

  ExpectNoIdentifyingValueOnDisk();
  absl::StatusOr<SecretBytes> search_key =
      CategoryKeyInEitherSlot(&env_.keys, "log.search");
  ASSERT_TRUE(search_key.ok());
  EXPECT_GT(Pages(dir_, "log.search", *search_key, "kettle"), 0)
      << "basic analytics stay";
  // The file no longer opens with the key the originals lived under.
  absl::StatusOr<int> with_old =
      DecryptedPagesContaining(dir_.Sub("events/order.db"), *old_key, "CNY");
  EXPECT_EQ(with_old.status().code(), absl::StatusCode::kDataLoss);

  proto::UserDataExport data = Export();
  for (const proto::CategoryExport& c : data.categories()) {
    if (c.name() == "location.precise") {
      ASSERT_EQ(c.events_size(), 1);
      std::map<std::string, proto::Attribute> a;
      for (const auto& x : c.events(0).attributes()) a[x.key()] = x;
      EXPECT_DOUBLE_EQ(a["latitude"].double_value(), 31.23);
      EXPECT_EQ(a.count("altitude_m"), 0u);
    }
    if (c.name() == "log.access") {
      ASSERT_EQ(c.events_size(), 1);
      EXPECT_EQ(c.events(0).attributes(0).string_value(), "203.0.113.0");
    }
    if (c.name() == "order") {
      ASSERT_EQ(c.events_size(), 1);
      for (const auto& x : c.events(0).attributes()) {
        EXPECT_NE(x.key(), "order_id");
      }
    }
    if (c.name() == "device.identifiers") {
      EXPECT_EQ(c.events_size(), 0);
    }
  }
  EXPECT_EQ(client_->GetDropCounts().anonymized, 1);
  absl::StatusOr<std::string> ledger = client_->ExportLedger();
  ASSERT_TRUE(ledger.ok());
  EXPECT_NE(ledger->find("rewritten=4 removed=1"), std::string::npos);
}

TEST_F(AnonymizeTest, LaterEventsAreAnonymizedUntilIdentificationIsAllowed) {
  ASSERT_TRUE(client_->Anonymize().ok());
  TrackIdentifyingEvents();
  ExpectNoIdentifyingValueOnDisk();
  ASSERT_TRUE(client_->AllowIdentification().ok());
  ASSERT_TRUE(
      client_->Track("order", "order", {{"order_id", "LATER-ORDER"}}).ok());
  ASSERT_TRUE(client_->Flush(absl::Seconds(10)).ok());
  absl::StatusOr<SecretBytes> key =
      CategoryKeyInEitherSlot(&env_.keys, "order");
  ASSERT_TRUE(key.ok());
  EXPECT_GT(Pages(dir_, "order", *key, "LATER-ORDER"), 0);
}

std::string InstallIdOf(const absl::StatusOr<CollectionReport>& report) {
  EXPECT_TRUE(report.ok()) << report.status();
  if (!report.ok() || report->events.empty()) return "";
  for (const auto& [key, value] : report->events[0].fields) {
    if (key == "install_id") return value;
  }
  return "";
}

// Rows of device.identifiers' install_identity table, read with `key`.
int64_t InstallIdRows(const TestDir& dir, const SecretBytes& key) {
  store_internal::OpenOptions options;
  options.create = false;
  options.read_only = true;
  auto db = store_internal::SqlcipherDb::Open(
      dir.Sub("events/device.identifiers.db"), key, options);
  EXPECT_TRUE(db.ok()) << db.status();
  if (!db.ok()) return -1;
  auto stmt = (*db)->Prepare("SELECT count(*) FROM install_identity");
  EXPECT_TRUE(stmt.ok()) << stmt.status();
  if (!stmt.ok() || !stmt->Step().value_or(false)) return -1;
  return stmt->ColumnInt64(0);
}

// The install id outlived anonymization: the row stayed in the category's
// file, and after "identification on" the same id was collected again,
// linking new events to the data from before.
TEST_F(AnonymizeTest, RetiresTheInstallIdAndIdentificationStartsANewOne) {
  const std::string id = InstallIdOf(client_->Collect("device.identifiers"));
  ASSERT_EQ(id.size(), 36u);
  ASSERT_TRUE(client_->Flush(absl::Seconds(10)).ok());
  absl::StatusOr<SecretBytes> key =
      CategoryKeyInEitherSlot(&env_.keys, "device.identifiers");
  ASSERT_TRUE(key.ok());
  ASSERT_GT(Pages(dir_, "device.identifiers", *key, id), 0);  // control

  ASSERT_TRUE(client_->Anonymize().ok());
  key = CategoryKeyInEitherSlot(&env_.keys, "device.identifiers");
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(Pages(dir_, "device.identifiers", *key, id), 0);
  // While anonymous, collecting makes no install id either.
  EXPECT_EQ(InstallIdOf(client_->Collect("device.identifiers")), "");
  ASSERT_TRUE(client_->Flush(absl::Seconds(10)).ok());
  EXPECT_EQ(InstallIdRows(dir_, *key), 0);

  ASSERT_TRUE(client_->AllowIdentification().ok());
  const std::string fresh = InstallIdOf(client_->Collect("device.identifiers"));
  EXPECT_EQ(fresh.size(), 36u);
  EXPECT_NE(fresh, id);
}

TEST_F(AnonymizeTest, AnonymousModeSurvivesARestart) {
  ASSERT_TRUE(client_->Anonymize().ok());
  ASSERT_TRUE(client_->Close(absl::Seconds(10)).ok());
  client_ = OpenOrDie(env_.Options(dir_.path()));
  ASSERT_NE(client_, nullptr);
  TrackIdentifyingEvents();
  ExpectNoIdentifyingValueOnDisk();
}

TEST_F(AnonymizeTest, AnInterruptedAnonymizationCompletesAtTheNextOpen) {
  TrackIdentifyingEvents();
  ASSERT_TRUE(client_->Close(absl::Seconds(10)).ok());
  client_.reset();
  ASSERT_TRUE(
      util_internal::WriteFileDurably(dir_.Sub("anonymize.pending"), "").ok());
  client_ = OpenOrDie(env_.Options(dir_.path()));
  ASSERT_NE(client_, nullptr);
  ExpectNoIdentifyingValueOnDisk();
  EXPECT_FALSE(util_internal::PathExists(dir_.Sub("anonymize.pending")));
}

}  // namespace
}  // namespace telegate
