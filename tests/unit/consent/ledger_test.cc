#include "consent/ledger.h"

#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace telegate::consent_internal {
namespace {

using ::testing::HasSubstr;

std::vector<proto::LedgerRecord> Chain(int n) {
  std::vector<proto::LedgerRecord> records;
  std::string prev = GenesisHash();
  for (int i = 1; i <= n; ++i) {
    proto::LedgerEntry e;
    e.set_seq(i);
    e.set_time_ms(1000 * i);
    e.set_kind(i % 2 ? proto::CONSENT_GRANTED : proto::CONSENT_REVOKED);
    e.set_category("log.search");
    e.set_on(i % 2);
    e.set_prev_hash(prev);
    records.push_back(SealEntry(e));
    prev = records.back().hash();
  }
  return records;
}

TEST(LedgerTest, AnUnbrokenChainVerifies) {
  EXPECT_TRUE(VerifyChain(Chain(0)).ok());
  EXPECT_TRUE(VerifyChain(Chain(5)).ok());
}

TEST(LedgerTest, HashIsSha256OfTheCanonicalBytes) {
  // SHA-256("abc"), FIPS 180-2 test vector.
  EXPECT_EQ(Sha256("abc"),
            std::string("\xba\x78\x16\xbf\x8f\x01\xcf\xea\x41\x41\x40\xde\x5d\xae"
                        "\x22\x23\xb0\x03\x61\xa3\x96\x17\x7a\x9c\xb4\x10\xff\x61"
                        "\xf2\x00\x15\xad",
                        32));
}

TEST(LedgerTest, EditingAnEntryBreaksIt) {
  auto records = Chain(5);
  proto::LedgerEntry e;
  ASSERT_TRUE(e.ParseFromString(records[2].entry()));
  e.set_on(!e.on());
  records[2].set_entry(CanonicalBytes(e));
  absl::Status s = VerifyChain(records);
  EXPECT_EQ(s.code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(s.message(), HasSubstr("entry 3"));
}

TEST(LedgerTest, ResealingAnEditedEntryStillBreaksTheNextLink) {
  auto records = Chain(5);
  proto::LedgerEntry e;
  ASSERT_TRUE(e.ParseFromString(records[2].entry()));
  e.set_category("order");
  records[2] = SealEntry(e);
  EXPECT_THAT(VerifyChain(records).message(), HasSubstr("entry 4"));
}

TEST(LedgerTest, DeletingOrReorderingBreaksIt) {
  auto deleted = Chain(5);
  deleted.erase(deleted.begin() + 1);
  EXPECT_EQ(VerifyChain(deleted).code(), absl::StatusCode::kDataLoss);
  auto swapped = Chain(5);
  std::swap(swapped[1], swapped[2]);
  EXPECT_EQ(VerifyChain(swapped).code(), absl::StatusCode::kDataLoss);
  auto first_gone = Chain(3);
  first_gone.erase(first_gone.begin());
  EXPECT_EQ(VerifyChain(first_gone).code(), absl::StatusCode::kDataLoss);
}

TEST(LedgerTest, GarbageIsDataLoss) {
  auto records = Chain(2);
  records[1].set_entry("\xff\xff\xff");
  EXPECT_EQ(VerifyChain(records).code(), absl::StatusCode::kDataLoss);
}

}  // namespace
}  // namespace telegate::consent_internal
