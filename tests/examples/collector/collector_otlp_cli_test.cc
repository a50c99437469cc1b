// End to end through the real programs (issue 16): telegate-demo uploads to
// telegate-collector --forward-otlp, which forwards to an OTLP receiver in
// this test; every attribute type arrives typed, with the batch header's
// resource, and the collector's summary counts the forwards.
#include <sys/stat.h>

#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "catalog/catalog.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "support/child_process.h"
#include "support/collector_process.h"
#include "support/otlp_receiver.h"
#include "support/test_dir.h"
#include "telegate/policy.pb.h"

namespace telegate::collector {
namespace {

using ::telegate::testing::CollectorProcess;
using ::telegate::testing::FindAttribute;
using ::telegate::testing::OtlpAnyValue;
using ::telegate::testing::OtlpLogRecord;
using ::telegate::testing::OtlpReceiver;
using ::telegate::testing::StringAttribute;
using ::telegate::testing::TestDir;
using ::telegate::testing::WriteFileOrDie;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;

std::string RunDemo(const TestDir& dir, const std::string& commands,
                    const std::string& flags) {
  WriteFileOrDie(dir.Sub("script"), commands);
  int status = -1;
  return testing::RunCommand(
      absl::StrCat(testing::ShellCommand(TELEGATE_DEMO_BIN), " --data-dir ",
                   dir.Sub("data"), " ", flags, " < ", dir.Sub("script")),
      &status);
}

// The default policy with one boolean attribute added to the order event
// (the default catalog declares none).
std::string PolicyWithABoolean() {
  proto::Policy policy;
  EXPECT_TRUE(policy.ParseFromString(
      std::string(catalog_internal::Catalog::DefaultPolicyBytes())));
  for (proto::Category& c : *policy.mutable_categories()) {
    if (c.name() != "order") continue;
    proto::AttributeSpec* gift = c.mutable_events(0)->add_attributes();
    gift->set_key("gift_wrapped");
    gift->set_type(proto::BOOL);
  }
  return policy.SerializeAsString();
}

// The string value of `key` in `attributes` ("<missing>" if absent).
std::string StringOf(const std::map<std::string, const OtlpAnyValue*>& m,
                     const std::string& key) {
  auto it = m.find(key);
  return it == m.end() ? "<missing>" : it->second->string_value();
}

std::map<std::string, const OtlpAnyValue*> ByKey(
    const testing::OtlpKeyValues& attributes) {
  std::map<std::string, const OtlpAnyValue*> m;
  for (const auto& kv : attributes) m[kv.key()] = &kv.value();
  return m;
}

TEST(CollectorOtlpCliTest, DemoToCollectorToPipelineWithEveryAttributeType) {
  TestDir dir;
  ASSERT_EQ(::mkdir(dir.Sub("data").c_str(), 0700), 0);
  auto receiver = OtlpReceiver::Start();
  ASSERT_TRUE(receiver.ok()) << receiver.status();
  CollectorProcess collector(TELEGATE_COLLECTOR_BIN, dir.path(),
                             {"--forward-otlp", (*receiver)->url()});
  std::string url = collector.WaitForUrl();
  ASSERT_FALSE(url.empty());
  WriteFileOrDie(dir.Sub("policy.binpb"), PolicyWithABoolean());

  std::string demo = RunDemo(
      dir,
      absl::StrCat(
          "endpoint ", url, " region=CN\n",
          "consent order on\n"
          "track order order order_id=A-1001 amount_minor=1999 currency=CNY "
          "item_count=2 status=paid gift_wrapped=true\n"
          "os ACCESS_FINE_LOCATION granted\n"
          "consent location.precise on\n"
          "track location.precise fix latitude=31.2304 longitude=121.4737 "
          "accuracy_m=8\n"
          "flush\n"
          "quit\n"),
      absl::StrCat("--policy ", dir.Sub("policy.binpb")));
  EXPECT_THAT(demo, HasSubstr("ok flushed uploaded=2 batches=1 buffered=0"))
      << demo;

  std::string summary;
  EXPECT_EQ(collector.Stop(&summary), 0);
  EXPECT_THAT(summary, HasSubstr("stopped requests=1 batches=1 refused=0 "
                                 "events=2 duplicates=0 forwarded=2 "
                                 "forward_failures=0 busy=0"))
      << summary;

  std::vector<testing::OtlpRequest> requests = (*receiver)->accepted();
  ASSERT_EQ(requests.size(), 1u);
  ASSERT_EQ(requests[0].resource_logs_size(), 1);
  auto resource = ByKey(requests[0].resource_logs(0).resource().attributes());
  EXPECT_EQ(StringOf(resource, "service.name"), "telegate.app")
      << "the demo's app id";
  EXPECT_EQ(StringOf(resource, "telemetry.sdk.version"), TELEGATE_SDK_VERSION);
  EXPECT_EQ(StringOf(resource, "telegate.region"), "CN");
  EXPECT_EQ(StringOf(resource, "telegate.policy_version"), "1.0");
  EXPECT_EQ(resource.count("install_id"), 0u);

  std::vector<OtlpLogRecord> records = (*receiver)->AcceptedRecords();
  ASSERT_EQ(records.size(), 2u);
  std::map<std::string, OtlpLogRecord> by_category;
  for (const OtlpLogRecord& r : records) {
    by_category[StringAttribute(r, "telegate.category")] = r;
    EXPECT_THAT(StringAttribute(r, "telegate.event_id"),
                MatchesRegex("[0-9a-f]{32}"));
    EXPECT_THAT(StringAttribute(r, "telegate.batch_id"),
                MatchesRegex("[0-9a-f]{32}"));
    EXPECT_GT(r.time_unix_nano(), 0u);
    EXPECT_GE(r.observed_time_unix_nano(), r.time_unix_nano());
  }
  ASSERT_EQ(by_category.count("order"), 1u);
  const OtlpLogRecord& order = by_category["order"];
  EXPECT_EQ(order.event_name(), "order");
  auto a = ByKey(order.attributes());
  ASSERT_TRUE(a["order_id"] && a["order_id"]->has_string_value());
  EXPECT_EQ(a["order_id"]->string_value(), "A-1001");
  ASSERT_TRUE(a["amount_minor"] && a["amount_minor"]->has_int_value());
  EXPECT_EQ(a["amount_minor"]->int_value(), 1999);
  ASSERT_TRUE(a["item_count"] && a["item_count"]->has_int_value());
  EXPECT_EQ(a["item_count"]->int_value(), 2);
  ASSERT_TRUE(a["gift_wrapped"] && a["gift_wrapped"]->has_bool_value());
  EXPECT_TRUE(a["gift_wrapped"]->bool_value());

  ASSERT_EQ(by_category.count("location.precise"), 1u);
  const OtlpLogRecord& fix = by_category["location.precise"];
  EXPECT_EQ(fix.event_name(), "fix");
  EXPECT_EQ(fix.body().string_value(), "fix");
  auto f = ByKey(fix.attributes());
  ASSERT_TRUE(f["latitude"] && f["latitude"]->has_double_value());
  EXPECT_DOUBLE_EQ(f["latitude"]->double_value(), 31.2304);
  ASSERT_TRUE(f["longitude"] && f["longitude"]->has_double_value());
  EXPECT_DOUBLE_EQ(f["longitude"]->double_value(), 121.4737);
  ASSERT_TRUE(f["accuracy_m"] && f["accuracy_m"]->has_double_value());
  EXPECT_DOUBLE_EQ(f["accuracy_m"]->double_value(), 8);
}

TEST(CollectorOtlpCliTest, WithOutAndForwardingTheJsonLinesStillComeOut) {
  TestDir dir;
  ASSERT_EQ(::mkdir(dir.Sub("data").c_str(), 0700), 0);
  auto receiver = OtlpReceiver::Start();
  ASSERT_TRUE(receiver.ok()) << receiver.status();
  CollectorProcess collector(
      TELEGATE_COLLECTOR_BIN, dir.path(),
      {"--out", dir.Sub("events.jsonl"), "--forward-otlp", (*receiver)->url()});
  std::string url = collector.WaitForUrl();
  ASSERT_FALSE(url.empty());
  RunDemo(dir,
          absl::StrCat("endpoint ", url, " region=CN\n",
                       "consent log.search on\n"
                       "track log.search search query=\"red shoes\"\n"
                       "flush\nquit\n"),
          "");
  std::string summary;
  EXPECT_EQ(collector.Stop(&summary), 0);
  EXPECT_THAT(testing::ReadFileOrEmpty(dir.Sub("events.jsonl")),
              HasSubstr("\"query\":\"red shoes\""));
  EXPECT_EQ((*receiver)->AcceptedRecords().size(), 1u);
}

TEST(CollectorOtlpCliTest, BadForwardingArgumentsAreUsageErrors) {
  TestDir dir;
  std::string out;
  CollectorProcess https(TELEGATE_COLLECTOR_BIN, dir.path(),
                         {"--forward-otlp", "https://otel:4318/v1/logs"});
  EXPECT_EQ(https.Wait(&out), 2);
  EXPECT_THAT(out, HasSubstr("only http://"));
  CollectorProcess neither(TELEGATE_COLLECTOR_BIN, dir.path(), {"--port", "0"});
  EXPECT_EQ(neither.Wait(&out), 2);
  EXPECT_THAT(out, HasSubstr("--out or --forward-otlp is required"));
  CollectorProcess zero(
      TELEGATE_COLLECTOR_BIN, dir.path(),
      {"--forward-otlp", "http://127.0.0.1:1/v1/logs", "--max-forwards", "0"});
  EXPECT_EQ(zero.Wait(&out), 2);
  EXPECT_THAT(out, HasSubstr("--max-forwards"));
}

}  // namespace
}  // namespace telegate::collector
