// Guarantees 3, 4 and 5, by the bytes: after a revoke, retention expiry and
// quota eviction, no page of any remaining database — decrypted page by
// page, free pages and WAL frames included — holds a deleted event, and no
// file in the data directory holds any event in plaintext at all.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "store/store.h"
#include "support/client_fixture.h"
#include "support/forensics.h"
#include "support/test_dir.h"
#include "util/files.h"

namespace telegate {
namespace {

using ::telegate::testing::DecryptedPagesContaining;
using ::telegate::testing::FilesContaining;
using ::telegate::testing::OpenOrDie;
using ::telegate::testing::TestDir;
using ::telegate::testing::TestEnv;
using ::testing::IsEmpty;

// Markers of events that were deleted, and of events that must remain.
const char* const kDeleted[] = {"REVOKED-MARKER", "EXPIRED-MARKER",
                                "EVICTED-MARKER"};
const char* const kKept[] = {"KEPT-SEARCH-MARKER", "KEPT-ORDER-MARKER"};

class ForensicsTest : public ::testing::Test {
 protected:
  void Track(const std::string& category, const std::string& marker, int n) {
    for (int i = 0; i < n; ++i) {
      // Long values: each event spans a good part of a page.
      std::string value = absl::StrCat(marker, "-", i, "-", std::string(300, 'v'));
      absl::Status s;
      if (category == "log.search") {
        s = client_->Track(category, "search", {{"query", value}});
      } else if (category == "order") {
        s = client_->Track(category, "order", {{"order_id", value}});
      } else if (category == "device.basic") {
        s = client_->Track(category, "device_info", {{"model", value}});
      } else {
        s = client_->Track(category, "access", {{"browser", value}});
      }
      ASSERT_TRUE(s.ok()) << s;
    }
    ASSERT_TRUE(client_->Flush(absl::Seconds(30)).ok());
  }

  // Every database left in the data directory, decrypted page by page with
  // its key: no deleted marker anywhere, the kept ones where they belong.
  void ExpectNoDeletedMarkerInAnyPage() {
    std::vector<std::pair<std::string, std::string>> databases = {
        {dir_.Sub("telegate.db"), "telegate.db"}};
    store_internal::Store layout(dir_.path(), &env_.keys);
    absl::StatusOr<std::vector<std::string>> categories =
        layout.CategoriesOnDisk();
    ASSERT_TRUE(categories.ok());
    for (const std::string& c : *categories) {
      databases.emplace_back(layout.EventFilePath(c),
                             store_internal::CategoryKeyName(c));
    }
    int kept_pages = 0;
    for (const auto& [path, key_name] : databases) {
      SCOPED_TRACE(path);
      absl::StatusOr<SecretBytes> key = env_.keys.Get(key_name);
      ASSERT_TRUE(key.ok()) << key.status();
      for (const char* marker : kDeleted) {
        absl::StatusOr<int> hits = DecryptedPagesContaining(path, *key, marker);
        ASSERT_TRUE(hits.ok()) << hits.status();
        EXPECT_EQ(*hits, 0) << marker;
      }
      for (const char* marker : kKept) {
        absl::StatusOr<int> hits = DecryptedPagesContaining(path, *key, marker);
        ASSERT_TRUE(hits.ok()) << hits.status();
        kept_pages += *hits;
      }
    }
    EXPECT_GT(kept_pages, 10) << "positive control: the scan sees events";
    for (const char* marker : kDeleted) {
      EXPECT_THAT(FilesContaining(dir_.path(), marker), IsEmpty());
    }
    for (const char* marker : kKept) {
      EXPECT_THAT(FilesContaining(dir_.path(), marker), IsEmpty())
          << "encrypted at rest";
    }
  }

  TestDir dir_;
  TestEnv env_;
  std::unique_ptr<Client> client_;
};

TEST_F(ForensicsTest, RevokedExpiredAndEvictedEventsAreInNoPageOfAnyFile) {
  ClientOptions options = env_.Options(dir_.path());
  options.max_buffered_events = 120;
  options.max_buffered_bytes = 0;
  client_ = OpenOrDie(options);
  ASSERT_NE(client_, nullptr);
  for (const char* c : {"log.search", "order", "device.basic", "log.access"}) {
    ASSERT_TRUE(client_->SetConsent(c, true).ok());
  }
  // Revoked: log.access's file and key go.
  Track("log.access", "REVOKED-MARKER", 40);
  ASSERT_TRUE(client_->SetConsent("log.access", false).ok());
  // Expired: log.search keeps events 30 days.
  Track("log.search", "EXPIRED-MARKER", 60);
  env_.clock.Advance(absl::Hours(24 * 31));
  Track("log.search", "KEPT-SEARCH-MARKER", 30);  // its commit sweeps
  EXPECT_EQ(client_->GetDropCounts().expired, 60);
  // Evicted: device.basic has the lowest priority; order fills the quota.
  Track("device.basic", "EVICTED-MARKER", 40);
  Track("order", "KEPT-ORDER-MARKER", 90);
  EXPECT_EQ(client_->GetDropCounts().quota, 40);
  EXPECT_EQ(client_->GetDropCounts().revoked, 40);
  EXPECT_FALSE(util_internal::PathExists(dir_.Sub("events/log.access.db")));

  // While the client still has every file open...
  ExpectNoDeletedMarkerInAnyPage();
  // ...and once it has closed them.
  ASSERT_TRUE(client_->Close(absl::Seconds(10)).ok());
  ExpectNoDeletedMarkerInAnyPage();
}

}  // namespace
}  // namespace telegate
