// Guarantee 5: the buffer is bounded. A byte and row quota for the whole
// buffer (the oldest events of the lowest-priority categories go first) and
// a retention time per category, enforced at open and on a schedule. Every
// event dropped is counted by reason.
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "catalog/catalog.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "support/client_fixture.h"
#include "support/stored_events.h"
#include "support/test_dir.h"
#include "telegate/policy.pb.h"

namespace telegate {
namespace {

using ::telegate::testing::OpenOrDie;
using ::telegate::testing::ReadStoredEvents;
using ::telegate::testing::StringValues;
using ::telegate::testing::TestDir;
using ::telegate::testing::TestEnv;
using ::testing::ElementsAreArray;

int64_t Buffered(Client* client, const std::string& category) {
  for (const CategoryStatus& s : client->GetCategoryStatus()) {
    if (s.name == category) return s.buffered_events;
  }
  return -1;
}

// Values "<prefix><from>" .. "<prefix><to - 1>".
std::vector<std::string> Range(const std::string& prefix, int from, int to) {
  std::vector<std::string> out;
  for (int i = from; i < to; ++i) out.push_back(absl::StrCat(prefix, i));
  return out;
}

class BufferLimitsTest : public ::testing::Test {
 protected:
  std::unique_ptr<Client> Open(const ClientOptions& options) {
    auto client = OpenOrDie(options);
    if (client == nullptr) return nullptr;
    for (const char* c : {"device.basic", "log.search", "order"}) {
      EXPECT_TRUE(client->SetConsent(c, true).ok());
    }
    return client;
  }
  // Tracks and commits `n` events of the category, attribute values
  // "<prefix><i>" for i in [from, from + n).
  void TrackSome(Client* client, const std::string& category,
                 const std::string& prefix, int from, int n) {
    for (int i = from; i < from + n; ++i) {
      std::string value = absl::StrCat(prefix, i);
      absl::Status s;
      if (category == "device.basic") {
        s = client->Track(category, "device_info", {{"model", value}});
      } else if (category == "log.search") {
        s = client->Track(category, "search", {{"query", value}});
      } else {
        s = client->Track(category, "order", {{"order_id", value}});
      }
      ASSERT_TRUE(s.ok()) << s;
    }
    ASSERT_TRUE(client->Flush(absl::Seconds(30)).ok());
  }
  std::vector<std::string> Stored(const std::string& category,
                                  const std::string& key) {
    absl::StatusOr<std::vector<proto::Event>> events =
        ReadStoredEvents(dir_.path(), &env_.keys, category);
    EXPECT_TRUE(events.ok()) << events.status();
    return events.ok() ? StringValues(*events, key)
                       : std::vector<std::string>();
  }

  TestDir dir_;
  TestEnv env_;
};

TEST_F(BufferLimitsTest, TheRowQuotaEvictsTheOldestOfTheLowestPriorityFirst) {
  ClientOptions options = env_.Options(dir_.path());
  options.max_buffered_events = 30;
  options.max_buffered_bytes = 0;
  auto client = Open(options);
  ASSERT_NE(client, nullptr);
  // Priorities in the default catalog: device.basic 10, log.search 50,
  // order 90.
  TrackSome(client.get(), "device.basic", "D-", 0, 20);
  TrackSome(client.get(), "log.search", "S-", 0, 20);
  TrackSome(client.get(), "order", "O-", 0, 20);
  EXPECT_EQ(Buffered(client.get(), "device.basic"), 0);
  EXPECT_EQ(Buffered(client.get(), "log.search"), 10);
  EXPECT_EQ(Buffered(client.get(), "order"), 20);
  EXPECT_EQ(client->GetDropCounts().quota, 30);
  ASSERT_TRUE(client->Close(absl::Seconds(10)).ok());
  EXPECT_THAT(Stored("log.search", "query"),
              ElementsAreArray(Range("S-", 10, 20)))
      << "the newest of the category survive";
  EXPECT_THAT(Stored("order", "order_id"),
              ElementsAreArray(Range("O-", 0, 20)));
  EXPECT_THAT(Stored("device.basic", "model"), ::testing::IsEmpty());
}

TEST_F(BufferLimitsTest, TheByteQuotaKeepsTheNewestThatFit) {
  ClientOptions options = env_.Options(dir_.path());
  options.max_buffered_events = 0;
  options.max_buffered_bytes = 1500;
  auto client = Open(options);
  ASSERT_NE(client, nullptr);
  TrackSome(client.get(), "log.search", "a-much-longer-search-query-", 0, 100);
  const int64_t kept = Buffered(client.get(), "log.search");
  EXPECT_GT(kept, 10);
  EXPECT_LT(kept, 100);
  EXPECT_EQ(client->GetDropCounts().quota, 100 - kept);
  ASSERT_TRUE(client->Close(absl::Seconds(10)).ok());
  EXPECT_THAT(Stored("log.search", "query"),
              ElementsAreArray(Range("a-much-longer-search-query-",
                                     100 - static_cast<int>(kept), 100)));
}

TEST_F(BufferLimitsTest, AShrunkQuotaIsEnforcedAtOpen) {
  {
    auto client = Open(env_.Options(dir_.path()));
    ASSERT_NE(client, nullptr);
    TrackSome(client.get(), "order", "O-", 0, 40);
  }
  ClientOptions options = env_.Options(dir_.path());
  options.max_buffered_events = 10;
  auto client = OpenOrDie(options);
  ASSERT_NE(client, nullptr);
  EXPECT_EQ(Buffered(client.get(), "order"), 10);
  EXPECT_EQ(client->GetDropCounts().quota, 30);
}

TEST_F(BufferLimitsTest, ExpiredEventsAreDeletedAtOpen) {
  // log.search keeps events 30 days.
  {
    auto client = Open(env_.Options(dir_.path()));
    ASSERT_NE(client, nullptr);
    TrackSome(client.get(), "log.search", "old-", 0, 5);
    env_.clock.Advance(absl::Hours(24 * 10));
    TrackSome(client.get(), "log.search", "new-", 0, 5);
  }
  env_.clock.Advance(absl::Hours(24 * 21));  // old: 31 days, new: 21 days
  auto client = OpenOrDie(env_.Options(dir_.path()));
  ASSERT_NE(client, nullptr);
  EXPECT_EQ(Buffered(client.get(), "log.search"), 5);
  EXPECT_EQ(client->GetDropCounts().expired, 5);
  ASSERT_TRUE(client->Close(absl::Seconds(10)).ok());
  EXPECT_THAT(Stored("log.search", "query"),
              ElementsAreArray(Range("new-", 0, 5)));
}

// Retention holds when the clock jumps: an event captured while the clock
// read a year ahead used to stay buffered until that date (200 days after
// the clock was put right it was still there; log.search keeps 30 days).
// From the first sweep that sees the clock behind it, such an event ages
// from that moment; it still goes out with the capture time it was
// recorded with.
TEST_F(BufferLimitsTest, RetentionHoldsWhenTheClockWasAheadAtCapture) {
  const absl::Time right = env_.clock.Now();
  {
    env_.clock.Set(right + absl::Hours(24 * 365));  // a year ahead
    auto client = Open(env_.Options(dir_.path()));
    ASSERT_NE(client, nullptr);
    TrackSome(client.get(), "log.search", "future-", 0, 3);
    env_.clock.Set(right);  // put right while the app runs
    TrackSome(client.get(), "log.search", "now-", 0, 2);
  }
  {
    auto client = OpenOrDie(env_.Options(dir_.path()));  // a sweep at open
    ASSERT_NE(client, nullptr);
    EXPECT_EQ(Buffered(client.get(), "log.search"), 5);
  }
  absl::StatusOr<std::vector<proto::Event>> events =
      ReadStoredEvents(dir_.path(), &env_.keys, "log.search");
  ASSERT_TRUE(events.ok()) << events.status();
  ASSERT_EQ(events->size(), 5u);
  EXPECT_EQ((*events)[0].capture_time_ms(),
            absl::ToUnixMillis(right + absl::Hours(24 * 365)))
      << "the event is kept as it was recorded";

  env_.clock.Advance(absl::Hours(24 * 29));
  {
    auto client = OpenOrDie(env_.Options(dir_.path()));
    ASSERT_NE(client, nullptr);
    EXPECT_EQ(Buffered(client.get(), "log.search"), 5) << "not early";
  }
  env_.clock.Advance(absl::Hours(24 * 2));  // 31 days after the correction
  auto client = OpenOrDie(env_.Options(dir_.path()));
  ASSERT_NE(client, nullptr);
  EXPECT_EQ(Buffered(client.get(), "log.search"), 0);
  EXPECT_EQ(client->GetDropCounts().expired, 5);
}

// The clock set back while events are buffered: they may not outlive their
// retention by the length of the jump either.
TEST_F(BufferLimitsTest, RetentionHoldsWhenTheClockIsSetBack) {
  const absl::Time start = env_.clock.Now();
  {
    auto client = Open(env_.Options(dir_.path()));
    ASSERT_NE(client, nullptr);
    TrackSome(client.get(), "log.search", "q-", 0, 3);
  }
  env_.clock.Set(start - absl::Hours(24 * 365));
  {
    auto client = OpenOrDie(env_.Options(dir_.path()));
    ASSERT_NE(client, nullptr);
    EXPECT_EQ(Buffered(client.get(), "log.search"), 3);
  }
  env_.clock.Advance(absl::Hours(24 * 31));
  auto client = OpenOrDie(env_.Options(dir_.path()));
  ASSERT_NE(client, nullptr);
  EXPECT_EQ(Buffered(client.get(), "log.search"), 0);
}

// The default policy with one category's retention replaced.
std::string PolicyWithRetention(const std::string& category, int64_t seconds) {
  proto::Policy policy;
  EXPECT_TRUE(policy.ParseFromString(
      std::string(catalog_internal::Catalog::DefaultPolicyBytes())));
  for (proto::Category& c : *policy.mutable_categories()) {
    if (c.name() == category) c.set_retention_seconds(seconds);
  }
  return policy.SerializeAsString();
}

TEST_F(BufferLimitsTest, ACategoryWithoutRetentionUsesTheDefault) {
  ClientOptions options = env_.Options(dir_.path());
  options.policy_document = PolicyWithRetention("order", 0);
  options.default_retention = absl::Hours(2);
  {
    auto client = Open(options);
    ASSERT_NE(client, nullptr);
    TrackSome(client.get(), "order", "O-", 0, 3);
    TrackSome(client.get(), "log.search", "S-", 0, 3);
  }
  env_.clock.Advance(absl::Hours(3));
  auto client = OpenOrDie(options);
  ASSERT_NE(client, nullptr);
  EXPECT_EQ(Buffered(client.get(), "order"), 0);
  EXPECT_EQ(Buffered(client.get(), "log.search"), 3) << "30 days";
  EXPECT_EQ(client->GetDropCounts().expired, 3);
}

TEST_F(BufferLimitsTest, ExpiredEventsAreDeletedOnAScheduleWithoutAnyCall) {
  // The real clock: one-second retention, sweeps allowed every millisecond.
  env_.env.clock = nullptr;
  ClientOptions options = env_.Options(dir_.path());
  options.policy_document = PolicyWithRetention("log.search", 1);
  options.retention_sweep_interval = absl::Milliseconds(1);
  auto client = Open(options);
  ASSERT_NE(client, nullptr);
  TrackSome(client.get(), "log.search", "S-", 0, 3);
  TrackSome(client.get(), "order", "O-", 0, 3);
  // No call at all from here: only the writer's own timer can do it.
  for (int i = 0; i < 3000 && client->GetDropCounts().expired < 3; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(client->GetDropCounts().expired, 3);
  EXPECT_EQ(Buffered(client.get(), "log.search"), 0);
  EXPECT_EQ(Buffered(client.get(), "order"), 3);
}

}  // namespace
}  // namespace telegate
