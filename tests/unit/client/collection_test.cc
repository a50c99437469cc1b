// Collection through the client: on request and on the catalog's schedule,
// off the caller's thread, into the same encrypted buffer as Track; quiet
// (nothing scheduled) while closed; identifiers hashed before they reach a
// byte on disk; the install id created on open and destroyed on revoke; bad
// platform input recorded in part and counted.
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "catalog/catalog.h"
#include "collect/app_scoped_hash.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "support/client_fixture.h"
#include "support/forensics.h"
#include "support/test_dir.h"

namespace telegate {
namespace {

using ::telegate::testing::AdvanceAndSettle;
using ::telegate::testing::DecryptedPagesContaining;
using ::telegate::testing::OpenOrDie;
using ::telegate::testing::TestDir;
using ::telegate::testing::TestEnv;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::SizeIs;

constexpr absl::Duration kTimeout = absl::Seconds(10);

CategoryStatus StatusOf(Client* client, const std::string& name) {
  for (const CategoryStatus& s : client->GetCategoryStatus()) {
    if (s.name == name) return s;
  }
  ADD_FAILURE() << "no category " << name;
  return CategoryStatus();
}

std::string FieldOf(const CollectedEventReport& e, const std::string& key) {
  for (const auto& [k, v] : e.fields) {
    if (k == key) return v;
  }
  return "";
}

std::string EventFile(const TestDir& dir, const std::string& category) {
  return dir.Sub(absl::StrCat("events/", category, ".db"));
}

// Decrypted pages of `category`'s file (and its WAL) holding `marker`.
int PagesWith(TestEnv& env, const TestDir& dir, const std::string& category,
              absl::string_view marker) {
  absl::StatusOr<SecretBytes> key =
      env.keys.Get(absl::StrCat("telegate.category.", category));
  if (!key.ok()) return 0;
  int pages = 0;
  for (const char* suffix : {"", "-wal"}) {
    std::string path = EventFile(dir, category) + suffix;
    if (testing::ReadFileOrEmpty(path).empty()) continue;
    absl::StatusOr<int> n = DecryptedPagesContaining(path, *key, marker);
    if (n.ok()) pages += *n;
  }
  return pages;
}

class CollectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    env_.GrantAllPermissions();
    client_ = OpenOrDie(env_.Options(dir_.path()));
    ASSERT_NE(client_, nullptr);
  }
  void TearDown() override {
    if (client_) {
      EXPECT_TRUE(client_->Close(kTimeout).ok());
    }
  }

  TestDir dir_;
  TestEnv env_;
  std::unique_ptr<Client> client_;
};

TEST_F(CollectionTest, QuietWhenClosedNothingIsScheduled) {
  EXPECT_EQ(env_.scheduler.scheduled(), 0);
  // Categories the app records itself have no timers either.
  ASSERT_TRUE(client_->SetConsent("log.search", true).ok());
  ASSERT_TRUE(client_->SetConsent("order", true).ok());
  EXPECT_EQ(env_.scheduler.scheduled(), 0);
  // A week of virtual time: nothing runs, nothing is read.
  env_.scheduler.Advance(absl::Hours(24 * 7));
  EXPECT_EQ(env_.AllPlatformCalls(), 0);

  ASSERT_TRUE(client_->SetConsent("device.basic", true).ok());
  EXPECT_EQ(env_.scheduler.pending(), 1u);
  ASSERT_TRUE(client_->SetConsent("device.basic", false).ok());
  EXPECT_EQ(env_.scheduler.pending(), 0u) << "its timer went with it";

  // A restart with everything closed schedules nothing.
  ASSERT_TRUE(client_->SetAllConsents(false).ok());
  ASSERT_TRUE(client_->Close(kTimeout).ok());
  const int before = env_.scheduler.scheduled();
  client_ = OpenOrDie(env_.Options(dir_.path()));
  ASSERT_NE(client_, nullptr);
  EXPECT_EQ(env_.scheduler.scheduled(), before);
  EXPECT_EQ(env_.scheduler.pending(), 0u);
}

TEST_F(CollectionTest, CollectRunsOffTheCallersThreadAndStoresLikeTrack) {
  ASSERT_TRUE(client_->SetConsent("device.basic", true).ok());
  absl::StatusOr<CollectionReport> report = client_->Collect("device.basic");
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->category, "device.basic");
  ASSERT_THAT(report->events, SizeIs(1));
  EXPECT_EQ(report->events[0].name, "device_info");
  EXPECT_EQ(FieldOf(report->events[0], "model"), "Pixel 8");
  EXPECT_EQ(FieldOf(report->events[0], "screen_width"), "1080");
  EXPECT_THAT(report->warnings, IsEmpty());
  EXPECT_EQ(env_.device_facts.read.calls(), 1);
  EXPECT_NE(env_.device_facts.read.last_thread(), std::this_thread::get_id());

  ASSERT_TRUE(client_->Flush(kTimeout).ok());
  EXPECT_EQ(StatusOf(client_.get(), "device.basic").buffered_events, 1);
  EXPECT_GT(PagesWith(env_, dir_, "device.basic", "Pixel 8"), 0);
  // Revoking destroys it like any tracked event.
  ASSERT_TRUE(client_->SetConsent("device.basic", false).ok());
  EXPECT_EQ(StatusOf(client_.get(), "device.basic").buffered_events, 0);
  EXPECT_FALSE(env_.keys.Has("telegate.category.device.basic"));
}

TEST_F(CollectionTest, ScheduledCollectionsFollowTheCatalog) {
  ASSERT_TRUE(client_->SetConsent("device.basic", true).ok());     // daily
  ASSERT_TRUE(client_->SetConsent("location.coarse", true).ok());  // 30 min
  ASSERT_TRUE(client_->SetConsent("device.usage", true).ok());     // daily
  AdvanceAndSettle(env_, client_.get(), absl::ZeroDuration());  // at start
  EXPECT_EQ(env_.device_facts.read.calls(), 1);
  EXPECT_EQ(env_.location.coarse.calls(), 1);
  EXPECT_EQ(env_.usage.query.calls(), 0) << "usage is not collected at start";

  AdvanceAndSettle(env_, client_.get(), absl::Minutes(30));
  EXPECT_EQ(env_.location.coarse.calls(), 2);
  EXPECT_EQ(env_.device_facts.read.calls(), 1);

  AdvanceAndSettle(env_, client_.get(), absl::Hours(24) - absl::Minutes(30));
  EXPECT_EQ(env_.device_facts.read.calls(), 2);
  EXPECT_EQ(env_.usage.query.calls(), 1);
  EXPECT_EQ(env_.location.coarse.calls(), 2 + 47);
  EXPECT_EQ(StatusOf(client_.get(), "location.coarse").buffered_events, 49);
  EXPECT_EQ(env_.location.precise.calls(), 0);
}

TEST_F(CollectionTest, AnOpenCategoryIsCollectedAtStartUp) {
  ASSERT_TRUE(client_->SetConsent("network.carrier", true).ok());
  ASSERT_TRUE(client_->Close(kTimeout).ok());
  EXPECT_EQ(env_.scheduler.pending(), 0u) << "closing cancels every timer";
  client_ = OpenOrDie(env_.Options(dir_.path()));
  ASSERT_NE(client_, nullptr);
  EXPECT_EQ(env_.scheduler.pending(), 1u);
  env_.scheduler.RunDue();
  ASSERT_TRUE(client_->Flush(kTimeout).ok());
  EXPECT_EQ(env_.network.carrier.calls(), 1);
  EXPECT_EQ(StatusOf(client_.get(), "network.carrier").buffered_events, 1);
}

TEST_F(CollectionTest, NoTimerRunsAfterClose) {
  ASSERT_TRUE(client_->SetConsent("device.basic", true).ok());
  ASSERT_EQ(env_.scheduler.pending(), 1u);
  ASSERT_TRUE(client_->Close(kTimeout).ok());
  EXPECT_EQ(env_.scheduler.pending(), 0u);
  env_.scheduler.Advance(absl::Hours(48));
  EXPECT_EQ(env_.AllPlatformCalls(), 0);
  client_.reset();
  env_.scheduler.Advance(absl::Hours(48));
  EXPECT_EQ(env_.AllPlatformCalls(), 0);
}

TEST_F(CollectionTest, RawIdentifiersAndAddressesNeverReachADecryptedPage) {
  for (const char* c : {"device.identifiers", "location.wifi",
                        "location.bluetooth"}) {
    ASSERT_TRUE(client_->SetConsent(c, true).ok()) << c;
    ASSERT_TRUE(client_->Collect(c).ok()) << c;
  }
  ASSERT_TRUE(client_->Flush(kTimeout).ok());
  collect_internal::AppScopedHasher hasher("telegate.app");  // the default
  const std::string bssid_hash = hasher.Hash("bssid", "0a:1b:2c:3d:4e:5f");
  EXPECT_GT(PagesWith(env_, dir_, "location.wifi", bssid_hash), 0)
      << "the hash is stored (so the search below can find things)";
  for (const char* raw : {"0A:1B:2C:3D:4E:5F", "0a:1b:2c:3d:4e:5f"}) {
    EXPECT_EQ(PagesWith(env_, dir_, "location.wifi", raw), 0);
  }
  for (const char* raw : {"6A:7B:8C:9D:AE:BF", "6a:7b:8c:9d:ae:bf"}) {
    EXPECT_EQ(PagesWith(env_, dir_, "location.bluetooth", raw), 0);
  }
  EXPECT_GT(PagesWith(env_, dir_, "device.identifiers",
                      hasher.Hash("device_id", testing::kRawDeviceId)),
            0);
  EXPECT_EQ(PagesWith(env_, dir_, "device.identifiers", testing::kRawDeviceId),
            0);
  EXPECT_EQ(
      PagesWith(env_, dir_, "device.identifiers", testing::kRawAdvertisingId),
      0);
  // Nor any plaintext file.
  EXPECT_THAT(testing::FilesContaining(dir_.path(), "0A:1B:2C"), IsEmpty());
  EXPECT_THAT(testing::FilesContaining(dir_.path(), testing::kRawDeviceId),
              IsEmpty());
}

TEST_F(CollectionTest, HashesAreScopedToTheApp) {
  ASSERT_TRUE(client_->SetConsent("device.identifiers", true).ok());
  absl::StatusOr<CollectionReport> mine = client_->Collect("device.identifiers");
  ASSERT_TRUE(mine.ok());
  ASSERT_TRUE(client_->Close(kTimeout).ok());
  client_.reset();

  TestDir other_dir;
  ClientOptions options = env_.Options(other_dir.path());
  options.app_id = "com.example.other";
  auto other = OpenOrDie(options);
  ASSERT_NE(other, nullptr);
  ASSERT_TRUE(other->SetConsent("device.identifiers", true).ok());
  absl::StatusOr<CollectionReport> theirs = other->Collect("device.identifiers");
  ASSERT_TRUE(theirs.ok());
  std::string a = FieldOf(mine->events[0], "device_id_hash");
  std::string b = FieldOf(theirs->events[0], "device_id_hash");
  EXPECT_THAT(a, SizeIs(32));
  EXPECT_THAT(b, SizeIs(32));
  EXPECT_NE(a, b);
  ASSERT_TRUE(other->Close(kTimeout).ok());
}

TEST_F(CollectionTest, TheInstallIdIsCreatedOnOpenAndDestroyedOnRevoke) {
  const std::string key = "telegate.category.device.identifiers";
  EXPECT_FALSE(env_.keys.Has(key));
  ASSERT_TRUE(client_->SetConsent("device.identifiers", true).ok());
  env_.scheduler.RunDue();  // collected when it opens
  ASSERT_TRUE(client_->Flush(kTimeout).ok());
  EXPECT_TRUE(env_.keys.Has(key));
  absl::StatusOr<CollectionReport> first = client_->Collect("device.identifiers");
  ASSERT_TRUE(first.ok());
  const std::string id = FieldOf(first->events[0], "install_id");
  EXPECT_THAT(id, SizeIs(36));
  EXPECT_EQ(id[14], '4') << "a version-4 UUID";
  ASSERT_TRUE(client_->Flush(kTimeout).ok());
  EXPECT_GT(PagesWith(env_, dir_, "device.identifiers", id), 0);

  // Stable while open, across a restart too.
  ASSERT_TRUE(client_->Close(kTimeout).ok());
  client_ = OpenOrDie(env_.Options(dir_.path()));
  ASSERT_NE(client_, nullptr);
  absl::StatusOr<CollectionReport> again = client_->Collect("device.identifiers");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(FieldOf(again->events[0], "install_id"), id);

  // Revoked: its key and file are gone, so is the id.
  ASSERT_TRUE(client_->SetConsent("device.identifiers", false).ok());
  EXPECT_FALSE(env_.keys.Has(key));
  EXPECT_TRUE(testing::ReadFileOrEmpty(EventFile(dir_, "device.identifiers"))
                  .empty());
  EXPECT_THAT(testing::FilesContaining(dir_.path(), id), IsEmpty());

  ASSERT_TRUE(client_->SetConsent("device.identifiers", true).ok());
  absl::StatusOr<CollectionReport> fresh = client_->Collect("device.identifiers");
  ASSERT_TRUE(fresh.ok());
  EXPECT_NE(FieldOf(fresh->events[0], "install_id"), id);
}

TEST_F(CollectionTest, DeletingEverythingStopsEveryTimerAndTheInstallId) {
  ASSERT_TRUE(client_->SetConsent("device.identifiers", true).ok());
  ASSERT_TRUE(client_->SetConsent("location.coarse", true).ok());
  AdvanceAndSettle(env_, client_.get(), absl::ZeroDuration());
  ASSERT_TRUE(env_.keys.Has("telegate.category.device.identifiers"));
  ASSERT_EQ(env_.scheduler.pending(), 2u);
  const int calls = env_.AllPlatformCalls();
  ASSERT_TRUE(client_->DeleteAllData().ok());
  EXPECT_EQ(env_.scheduler.pending(), 0u);
  EXPECT_FALSE(env_.keys.Has("telegate.category.device.identifiers"));
  AdvanceAndSettle(env_, client_.get(), absl::Hours(48));
  EXPECT_EQ(env_.AllPlatformCalls(), calls);
}

TEST_F(CollectionTest, BadPlatformInputGivesAPartialEventAndCountedWarnings) {
  DeviceInfo partial = testing::DefaultDeviceInfo();
  partial.os_name.clear();
  partial.os_version.clear();
  partial.warnings = {"cannot read /etc/os-release", "os-release line 3"};
  env_.device_facts.read.Set(partial);
  ASSERT_TRUE(client_->SetConsent("device.basic", true).ok());
  absl::StatusOr<CollectionReport> report = client_->Collect("device.basic");
  ASSERT_TRUE(report.ok()) << report.status();
  ASSERT_THAT(report->events, SizeIs(1));
  EXPECT_EQ(FieldOf(report->events[0], "model"), "Pixel 8");
  EXPECT_EQ(FieldOf(report->events[0], "os_name"), "");
  EXPECT_THAT(report->warnings, SizeIs(2));
  EXPECT_EQ(StatusOf(client_.get(), "device.basic").collection_warnings, 2);

  // A value that would not validate (malformed UTF-8) is dropped; the rest
  // of the access point is kept.
  WifiScan scan;
  scan.access_points.push_back({"bad\xff\xfe", "00:11:22:33:44:55", -50, 2412});
  env_.nearby.wifi.Set(scan);
  ASSERT_TRUE(client_->SetConsent("location.wifi", true).ok());
  report = client_->Collect("location.wifi");
  ASSERT_TRUE(report.ok()) << report.status();
  ASSERT_THAT(report->events, SizeIs(1));
  EXPECT_EQ(FieldOf(report->events[0], "ssid"), "");
  EXPECT_EQ(FieldOf(report->events[0], "rssi"), "-50");
  EXPECT_THAT(report->warnings, ElementsAre(HasSubstr("ssid")));
  EXPECT_EQ(StatusOf(client_.get(), "location.wifi").collection_warnings, 1);

  // Nothing usable at all: an error, counted too; the client carries on.
  env_.network.carrier.Set(absl::NotFoundError("no /sys/class/net"));
  ASSERT_TRUE(client_->SetConsent("network.carrier", true).ok());
  absl::StatusOr<CollectionReport> none = client_->Collect("network.carrier");
  EXPECT_TRUE(absl::IsUnavailable(none.status())) << none.status();
  EXPECT_THAT(none.status().message(), HasSubstr("no /sys/class/net"));
  EXPECT_EQ(StatusOf(client_.get(), "network.carrier").collection_warnings, 1);
  ASSERT_TRUE(client_->Flush(kTimeout).ok());
  EXPECT_EQ(StatusOf(client_.get(), "device.basic").buffered_events, 1);
}

TEST_F(CollectionTest, CollectAnswersWithTheMostSpecificError) {
  EXPECT_TRUE(absl::IsInvalidArgument(client_->Collect("nope").status()));
  EXPECT_TRUE(absl::IsFailedPrecondition(client_->Collect("order").status()));
  absl::StatusOr<CollectionReport> closed = client_->Collect("device.basic");
  EXPECT_TRUE(absl::IsPermissionDenied(closed.status()));
  EXPECT_EQ(closed.status().message(), "");
  EXPECT_EQ(env_.AllPlatformCalls(), 0);
  ASSERT_TRUE(client_->Close(kTimeout).ok());
  EXPECT_TRUE(
      absl::IsFailedPrecondition(client_->Collect("device.basic").status()));
  client_.reset();
}

TEST(CollectionWithoutSourcesTest, AMissingSourceIsUnavailable) {
  TestDir dir;
  TestEnv env;
  env.GrantAllPermissions();
  env.env.location = nullptr;
  env.env.scheduler = nullptr;  // and no timers: on request only
  auto client = OpenOrDie(env.Options(dir.path()));
  ASSERT_NE(client, nullptr);
  ASSERT_TRUE(client->SetConsent("location.coarse", true).ok());
  absl::StatusOr<CollectionReport> r = client->Collect("location.coarse");
  EXPECT_TRUE(absl::IsUnavailable(r.status())) << r.status();
  EXPECT_EQ(env.scheduler.scheduled(), 0);
  ASSERT_TRUE(client->SetConsent("device.basic", true).ok());
  EXPECT_TRUE(client->Collect("device.basic").ok());
  ASSERT_TRUE(client->Close(kTimeout).ok());
}

TEST(CollectionPolicyTest, APolicyCanNarrowWhatACollectorRecords) {
  proto::Policy policy;
  policy.ParseFromString(
      std::string(catalog_internal::Catalog::DefaultPolicyBytes()));
  for (proto::Category& c : *policy.mutable_categories()) {
    if (c.name() != "device.basic") continue;
    proto::EventSpec* e = c.mutable_events(0);
    proto::EventSpec narrowed;
    narrowed.set_name(e->name());
    for (const proto::AttributeSpec& a : e->attributes()) {
      if (a.key() == "os_name" || a.key() == "app_version") {
        *narrowed.add_attributes() = a;
      }
    }
    *e = narrowed;
  }
  TestDir dir;
  TestEnv env;
  ClientOptions options = env.Options(dir.path());
  options.policy_document = policy.SerializeAsString();
  auto client = OpenOrDie(options);
  ASSERT_NE(client, nullptr);
  ASSERT_TRUE(client->SetConsent("device.basic", true).ok());
  absl::StatusOr<CollectionReport> r = client->Collect("device.basic");
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_THAT(r->events, SizeIs(1));
  EXPECT_THAT(r->events[0].fields,
              ElementsAre(Pair("os_name", "Android"), Pair("app_version", "5.2.0")));
  EXPECT_THAT(r->warnings, IsEmpty()) << "narrowing is policy, not bad input";
  ASSERT_TRUE(client->Flush(kTimeout).ok());
  EXPECT_EQ(PagesWith(env, dir, "device.basic", "Pixel 8"), 0);
  ASSERT_TRUE(client->Close(kTimeout).ok());
}

TEST_F(CollectionTest, AScheduledRunRacingARevokeLeavesNothing) {
  for (int round = 0; round < 20; ++round) {
    ASSERT_TRUE(client_->SetConsent("location.coarse", true).ok());
    // Hands the at-start run to the writer; the revoke races it there.
    std::thread timer([this] { env_.scheduler.RunDue(); });
    ASSERT_TRUE(client_->SetConsent("location.coarse", false).ok());
    timer.join();
    ASSERT_TRUE(client_->Flush(kTimeout).ok());
    EXPECT_EQ(StatusOf(client_.get(), "location.coarse").buffered_events, 0);
    EXPECT_FALSE(env_.keys.Has("telegate.category.location.coarse"));
  }
}

}  // namespace
}  // namespace telegate
