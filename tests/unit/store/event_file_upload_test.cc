// EventFile's upload half: ReadOldest and Delete.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "store/event_file.h"
#include "support/forensics.h"
#include "support/test_dir.h"
#include "telegate/key_store.h"

namespace telegate::store_internal {
namespace {

using ::telegate::testing::DecryptedPagesContaining;
using ::telegate::testing::TestDir;

class EventFileUploadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<EventFile>> file =
        EventFile::Open(dir_.Sub("e.db"), key_, "log.search", /*create=*/true);
    ASSERT_TRUE(file.ok()) << file.status();
    file_ = *std::move(file);
    std::vector<std::string> payloads;
    for (int i = 0; i < 10; ++i) {
      payloads.push_back(
          absl::StrCat("PAYLOAD-", i, "-", std::string(i * 10, 'x')));
    }
    std::vector<EventRow> rows;
    for (int i = 0; i < 10; ++i) {
      EventRow row;
      row.capture_ms = 1000 + i;
      row.payload = payloads[i];
      rows.push_back(row);
    }
    ASSERT_TRUE(file_->Append(rows).ok());
  }

  TestDir dir_;
  SecretBytes key_ = SecretBytes::Random(KeyStore::kKeySize);
  std::unique_ptr<EventFile> file_;
};

TEST_F(EventFileUploadTest, ReadOldestReturnsTheOldestInOrderWithinTheCaps) {
  absl::StatusOr<std::vector<StoredEvent>> events =
      file_->ReadOldest(3, 1 << 20);
  ASSERT_TRUE(events.ok()) << events.status();
  ASSERT_EQ(events->size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ((*events)[i].capture_ms, 1000 + i);
    EXPECT_EQ(absl::string_view((*events)[i].payload).substr(0, 10),
              absl::StrCat("PAYLOAD-", i, "-"));
  }
  EXPECT_LT((*events)[0].seq, (*events)[1].seq);
  // Byte cap: payloads are 10, 20, 30, ... bytes; 35 holds the first two.
  events = file_->ReadOldest(10, 35);
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(events->size(), 2u);
  // At least one, even past the byte cap; none when no event is wanted.
  EXPECT_EQ(file_->ReadOldest(10, 1)->size(), 1u);
  EXPECT_TRUE(file_->ReadOldest(0, 1 << 20)->empty());
  EXPECT_EQ(file_->count(), 10);  // reading deletes nothing
}

TEST_F(EventFileUploadTest, DeleteRemovesExactlyTheGivenSeqsAndKeepsTheCount) {
  std::vector<StoredEvent> oldest = *file_->ReadOldest(4, 1 << 20);
  std::vector<int64_t> seqs = {oldest[0].seq, oldest[2].seq, 999999};
  ASSERT_TRUE(file_->Delete(seqs).ok());
  EXPECT_EQ(file_->count(), 8);
  std::vector<StoredEvent> rest = *file_->ReadOldest(100, 1 << 20);
  ASSERT_EQ(rest.size(), 8u);
  EXPECT_EQ(rest[0].seq, oldest[1].seq);
  EXPECT_EQ(rest[1].seq, oldest[3].seq);
  // Deleting again changes nothing.
  ASSERT_TRUE(file_->Delete(seqs).ok());
  EXPECT_EQ(file_->count(), 8);
  ASSERT_TRUE(file_->Delete({}).ok());
}

TEST_F(EventFileUploadTest, DeletedEventsAreOverwrittenOnDisk) {
  std::vector<StoredEvent> all = *file_->ReadOldest(100, 1 << 20);
  std::vector<int64_t> seqs;
  for (const StoredEvent& e : all) seqs.push_back(e.seq);
  ASSERT_GT(*DecryptedPagesContaining(dir_.Sub("e.db"), key_, "PAYLOAD-7-"), 0);
  ASSERT_TRUE(file_->Delete(seqs).ok());
  ASSERT_TRUE(file_->db()->CheckpointTruncate().ok());
  EXPECT_EQ(file_->count(), 0);
  EXPECT_EQ(*DecryptedPagesContaining(dir_.Sub("e.db"), key_, "PAYLOAD-"), 0);
}

}  // namespace
}  // namespace telegate::store_internal
