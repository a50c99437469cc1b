#include "store/event_file.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "event/event_codec.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "support/fault_vfs.h"
#include "support/forensics.h"
#include "support/test_dir.h"
#include "telegate/key_store.h"

namespace telegate::store_internal {
namespace {

using ::telegate::testing::DecryptedPagesContaining;
using ::telegate::testing::FaultVfs;
using ::telegate::testing::FilesContaining;
using ::telegate::testing::TestDir;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

constexpr char kCategory[] = "log.search";

// A serialized event as Track makes it, with `query` as its attribute.
std::string MakeEvent(const std::string& query, int64_t capture_ms) {
  static int counter = 0;
  char id[event_internal::kEventIdSize] = {};
  ++counter;
  std::memcpy(id, &counter, sizeof(counter));
  event_internal::EventFields f;
  f.id = absl::string_view(id, sizeof(id));
  f.category = kCategory;
  f.name = "search";
  f.capture_time_ms = capture_ms;
  f.consent_epoch = 2;
  std::vector<Attribute> attributes = {{"query", query}, {"results", 3}};
  util_internal::SecureString encoded =
      event_internal::EncodeEvent(f, attributes);
  return std::string(encoded.data(), encoded.size());
}

class EventFileTest : public ::testing::Test {
 protected:
  std::unique_ptr<EventFile> Open(bool create = true) {
    absl::StatusOr<std::unique_ptr<EventFile>> file =
        EventFile::Open(path_, key_, kCategory, create);
    EXPECT_TRUE(file.ok()) << file.status();
    return file.ok() ? *std::move(file) : nullptr;
  }
  // Appends events with the given queries, captured at `capture_ms`.
  void Append(EventFile* file, const std::vector<std::string>& queries,
              int64_t capture_ms = 1000) {
    std::vector<std::string> payloads;
    for (const std::string& q : queries) {
      payloads.push_back(MakeEvent(q, capture_ms));
    }
    std::vector<EventRow> rows;
    for (const std::string& p : payloads) {
      EventRow row;
      row.capture_ms = capture_ms;
      row.payload = p;
      rows.push_back(row);
    }
    ASSERT_TRUE(file->Append(rows).ok());
    for (const std::string& p : payloads) appended_.push_back(p);
  }
  std::vector<std::string> Payloads(EventFile* file) {
    std::vector<std::string> out;
    EXPECT_TRUE(file->ForEach([&](const EventRow& row) {
                      out.emplace_back(row.payload);
                      return true;
                    })
                    .ok());
    return out;
  }
  int MarkerPages(absl::string_view marker) {
    absl::StatusOr<int> n = DecryptedPagesContaining(path_, key_, marker);
    EXPECT_TRUE(n.ok()) << n.status();
    return n.ok() ? *n : -1;
  }

  TestDir dir_;
  const std::string path_ = dir_.Sub("log.search.db");
  SecretBytes key_ = SecretBytes::Random(KeyStore::kKeySize);
  std::vector<std::string> appended_;
};

TEST_F(EventFileTest, HandsBackExactlyTheSerializedEventsAppended) {
  auto file = Open();
  ASSERT_NE(file, nullptr);
  Append(file.get(), {"a", "b", "c"});
  Append(file.get(), {"d"});
  EXPECT_EQ(Payloads(file.get()), appended_);
  EXPECT_EQ(file->count(), 4);
  file.reset();
  file = Open(false);
  ASSERT_NE(file, nullptr);
  EXPECT_EQ(Payloads(file.get()), appended_) << "and after reopening";
}

TEST_F(EventFileTest, CountersAndSeqsSurviveReopenAndSeqsAreNeverReused) {
  int64_t last_seq = 0;
  {
    auto file = Open();
    Append(file.get(), {"a", "b", "c"});
    absl::StatusOr<std::vector<StoredEvent>> all =
        file->ReadOldest(10, 1 << 20);
    ASSERT_TRUE(all.ok());
    ASSERT_EQ(all->size(), 3u);
    last_seq = all->back().seq;
    ASSERT_TRUE(file->Delete({last_seq}).ok());  // the newest
    EXPECT_EQ(file->count(), 2);
  }
  auto file = Open(false);
  ASSERT_NE(file, nullptr);
  EXPECT_EQ(file->count(), 2);
  const int64_t bytes = file->bytes();
  EXPECT_GT(bytes, 0);
  Append(file.get(), {"d"});
  absl::StatusOr<std::vector<StoredEvent>> all = file->ReadOldest(10, 1 << 20);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 3u);
  EXPECT_GT(all->back().seq, last_seq)
      << "a deleted seq is never handed out again";
  EXPECT_GT(file->bytes(), bytes);
}

TEST_F(EventFileTest, ReadOldestHonoursBothLimitsButAlwaysGivesOne) {
  auto file = Open();
  Append(file.get(), {"one", "two", "three", "four"});
  absl::StatusOr<std::vector<StoredEvent>> two = file->ReadOldest(2, 1 << 20);
  ASSERT_TRUE(two.ok());
  ASSERT_EQ(two->size(), 2u);
  EXPECT_EQ(two->at(0).payload, appended_[0]);
  EXPECT_EQ(two->at(1).payload, appended_[1]);
  EXPECT_LT(two->at(0).seq, two->at(1).seq);
  const size_t one_size = appended_[0].size();
  absl::StatusOr<std::vector<StoredEvent>> by_bytes =
      file->ReadOldest(10, one_size * 2 + 1);
  ASSERT_TRUE(by_bytes.ok());
  EXPECT_EQ(by_bytes->size(), 2u);
  absl::StatusOr<std::vector<StoredEvent>> tiny = file->ReadOldest(10, 1);
  ASSERT_TRUE(tiny.ok());
  EXPECT_EQ(tiny->size(), 1u) << "an event larger than the limit still leaves";
  absl::StatusOr<std::vector<StoredEvent>> none = file->ReadOldest(0, 100);
  ASSERT_TRUE(none.ok());
  EXPECT_THAT(*none, IsEmpty());
}

TEST_F(EventFileTest, DeleteRemovesOnlyThoseSeqsAndLeavesNoTraceInTheFile) {
  auto file = Open();
  Append(file.get(), {"KEEP-1", "GONE-MARKER-2", "KEEP-3", "GONE-MARKER-4"});
  absl::StatusOr<std::vector<StoredEvent>> all = file->ReadOldest(10, 1 << 20);
  ASSERT_TRUE(all.ok());
  ASSERT_GT(MarkerPages("GONE-MARKER"), 0) << "positive control";
  ASSERT_TRUE(
      file->Delete({all->at(1).seq, all->at(3).seq, int64_t{987654}}).ok());
  EXPECT_EQ(file->count(), 2);
  EXPECT_THAT(Payloads(file.get()), ElementsAre(appended_[0], appended_[2]));
  EXPECT_EQ(MarkerPages("GONE-MARKER"), 0) << "pages and WAL frames alike";
  EXPECT_GT(MarkerPages("KEEP-"), 0);
  EXPECT_THAT(FilesContaining(dir_.path(), "KEEP-"), IsEmpty());
}

TEST_F(EventFileTest, ReplaceSwapsEventsInOneStepAndLeavesNoTraceOfTheOld) {
  auto file = Open();
  Append(file.get(), {"OLD-MARKER-1", "KEEP-2", "OLD-MARKER-3"});
  absl::StatusOr<std::vector<StoredEvent>> all = file->ReadOldest(10, 1 << 20);
  ASSERT_TRUE(all.ok());
  ASSERT_GT(MarkerPages("OLD-MARKER"), 0) << "positive control";
  std::string fresh = MakeEvent("NEW-1", 500);
  EventRow row;
  row.capture_ms = 500;
  row.payload = fresh;
  ASSERT_TRUE(file->Replace({all->at(0).seq, all->at(2).seq}, {row}).ok());
  EXPECT_EQ(file->count(), 2);
  EXPECT_THAT(Payloads(file.get()), ElementsAre(appended_[1], fresh));
  EXPECT_EQ(file->capture_lower_bound_ms(), 500);
  EXPECT_EQ(MarkerPages("OLD-MARKER"), 0) << "pages and WAL frames alike";
  file.reset();
  file = Open(false);
  ASSERT_NE(file, nullptr);
  EXPECT_EQ(file->count(), 2) << "counters persisted";
  EXPECT_THAT(Payloads(file.get()), ElementsAre(appended_[1], fresh));
}

TEST_F(EventFileTest, AReplaceThatFailsChangesNothing) {
  FaultVfs vfs(dir_.path());
  auto file = Open();
  Append(file.get(), {"a", "b"});
  absl::StatusOr<std::vector<StoredEvent>> all = file->ReadOldest(10, 1 << 20);
  ASSERT_TRUE(all.ok());
  std::string fresh = MakeEvent("c", 1000);
  EventRow row;
  row.capture_ms = 1000;
  row.payload = fresh;
  vfs.Set(FaultVfs::Fault::kIoError);
  // One out, two in: a count that moved either way would show.
  EXPECT_FALSE(file->Replace({all->at(0).seq}, {row, row}).ok());
  vfs.Set(FaultVfs::Fault::kNone);
  EXPECT_GT(vfs.faults_hit(), 0);
  EXPECT_EQ(file->count(), 2);
  file.reset();
  file = Open(false);
  ASSERT_NE(file, nullptr);
  EXPECT_EQ(file->count(), 2);
  EXPECT_EQ(Payloads(file.get()), appended_) << "neither half happened";
}

TEST_F(EventFileTest, DeleteCapturedBeforeRemovesExactlyTheExpired) {
  auto file = Open();
  Append(file.get(), {"OLD-MARKER-a"}, 100);
  Append(file.get(), {"NEW-b"}, 300);
  Append(file.get(), {"OLD-MARKER-c"}, 150);  // out of order: still expired
  EXPECT_EQ(file->capture_lower_bound_ms(), 100);
  absl::StatusOr<int64_t> none = file->DeleteCapturedBefore(100);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(*none, 0);
  absl::StatusOr<int64_t> expired = file->DeleteCapturedBefore(200);
  ASSERT_TRUE(expired.ok());
  EXPECT_EQ(*expired, 2);
  EXPECT_THAT(Payloads(file.get()), ElementsAre(appended_[1]));
  EXPECT_EQ(file->capture_lower_bound_ms(), 300) << "exact again";
  EXPECT_EQ(MarkerPages("OLD-MARKER"), 0);
  file.reset();
  file = Open(false);
  EXPECT_EQ(file->capture_lower_bound_ms(), 300) << "persisted";
  EXPECT_EQ(file->count(), 1);
}

TEST_F(EventFileTest, DeleteOldestFreesAtLeastWhatIsAskedOldestFirst) {
  auto file = Open();
  Append(file.get(), {"a", "b", "c", "d", "e"});
  absl::StatusOr<int64_t> two = file->DeleteOldest(2, 0);
  ASSERT_TRUE(two.ok());
  EXPECT_EQ(*two, 2);
  EXPECT_THAT(Payloads(file.get()),
              ElementsAre(appended_[2], appended_[3], appended_[4]));
  const int64_t bytes = file->bytes();
  absl::StatusOr<int64_t> by_bytes = file->DeleteOldest(0, 1);
  ASSERT_TRUE(by_bytes.ok());
  EXPECT_EQ(*by_bytes, 1);
  EXPECT_LT(file->bytes(), bytes);
  absl::StatusOr<int64_t> rest = file->DeleteOldest(100, 0);
  ASSERT_TRUE(rest.ok());
  EXPECT_EQ(*rest, 2);
  EXPECT_EQ(file->count(), 0);
  EXPECT_EQ(file->bytes(), 0);
  EXPECT_FALSE(file->capture_lower_bound_ms().has_value());
}

TEST_F(EventFileTest, RekeyKeepsEveryEventAndTheOldKeyOpensNothing) {
  SecretBytes new_key = SecretBytes::Random(KeyStore::kKeySize);
  {
    auto file = Open();
    Append(file.get(), {"ROTATED-MARKER-1", "ROTATED-MARKER-2"});
    ASSERT_TRUE(file->Rekey(new_key).ok());
    Append(file.get(), {"ROTATED-MARKER-3"});
    ASSERT_TRUE(file->db()->CheckpointTruncate().ok());
  }
  EXPECT_EQ(EventFile::Open(path_, key_, kCategory, false).status().code(),
            absl::StatusCode::kDataLoss);
  EXPECT_EQ(DecryptedPagesContaining(path_, key_, "ROTATED").status().code(),
            absl::StatusCode::kDataLoss)
      << "no page decrypts under the old key";
  absl::StatusOr<std::unique_ptr<EventFile>> file =
      EventFile::Open(path_, new_key, kCategory, false);
  ASSERT_TRUE(file.ok()) << file.status();
  EXPECT_EQ(Payloads(file->get()), appended_);
}

TEST_F(EventFileTest, AFileOfAnotherCategoryIsRefused) {
  { ASSERT_NE(Open(), nullptr); }
  absl::Status s = EventFile::Open(path_, key_, "order", false).status();
  EXPECT_EQ(s.code(), absl::StatusCode::kDataLoss) << s;
  EXPECT_THAT(std::string(s.message()), ::testing::HasSubstr("log.search"));
}

TEST_F(EventFileTest, AWrongKeyIsDataLoss) {
  { ASSERT_NE(Open(), nullptr); }
  SecretBytes other = SecretBytes::Random(KeyStore::kKeySize);
  EXPECT_EQ(EventFile::Open(path_, other, kCategory, false).status().code(),
            absl::StatusCode::kDataLoss);
}

TEST_F(EventFileTest, AMissingFileWithoutCreateIsNotFound) {
  EXPECT_EQ(EventFile::Open(path_, key_, kCategory, false).status().code(),
            absl::StatusCode::kNotFound);
}

TEST_F(EventFileTest, EveryRowAndTheTablesAreEncryptedOnDisk) {
  auto file = Open();
  Append(file.get(), {"PLAIN-MARKER-x"});
  EXPECT_THAT(FilesContaining(dir_.path(), "PLAIN-MARKER"), IsEmpty());
  EXPECT_THAT(FilesContaining(dir_.path(), "CREATE TABLE"), IsEmpty());
  EXPECT_THAT(FilesContaining(dir_.path(), kCategory), IsEmpty());
}

}  // namespace
}  // namespace telegate::store_internal
