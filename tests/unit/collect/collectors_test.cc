// Each platform collector on its own: what it reads, what it records, and the
// data minimisation it applies (declared fields only, hashed identifiers and
// hardware addresses, rounded coarse positions).
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "catalog/catalog.h"
#include "collect/app_scoped_hash.h"
#include "collect/collector_registry.h"
#include "collect/collectors/collectors.h"
#include "consent/gate.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "support/client_fixture.h"

namespace telegate::collect_internal {
namespace {

using ::telegate::testing::TestEnv;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;

// A context that records what a collector asks of it.
class RecordingContext : public CollectContext {
 public:
  absl::Time Now() override { return absl::FromUnixMillis(1800000000000); }
  std::string AppScopedHash(absl::string_view kind,
                            absl::string_view raw) override {
    return hasher.Hash(kind, raw);
  }
  absl::StatusOr<std::string> InstallId(
      const consent_internal::GrantToken&) override {
    ++install_id_calls;
    return std::string("11111111-2222-4333-8444-555555555555");
  }
  void Warn(std::string message) override {
    warnings.push_back(std::move(message));
  }

  AppScopedHasher hasher{"com.example.shop"};
  int install_id_calls = 0;
  std::vector<std::string> warnings;
};

// Runs the collector of `category` against `env` with a real grant.
class CollectorHarness {
 public:
  CollectorHarness() : catalog_(*catalog_internal::Catalog::Default()) {}

  absl::Status Run(const std::string& category, const Env& env,
                   std::vector<CollectedEvent>* out) {
    std::optional<int> id = catalog_->Find(category);
    if (!id) return absl::NotFoundError(category);
    gate_.Open(*id);
    std::optional<consent_internal::GrantToken> grant = gate_.TryGrant(*id);
    const CollectorSpec* spec = FindCollector(category);
    if (spec == nullptr) return absl::NotFoundError("no collector");
    std::unique_ptr<Collector> collector = spec->make(*grant, env);
    if (collector == nullptr) return absl::UnavailableError("no source");
    return collector->Collect(*grant, context, out);
  }

  const catalog_internal::Catalog& catalog() const { return *catalog_; }
  RecordingContext context;

 private:
  std::shared_ptr<const catalog_internal::Catalog> catalog_;
  consent_internal::Gate gate_;
};

// The attribute `key` of `e`, as text ("" if absent).
std::string Field(const CollectedEvent& e, absl::string_view key) {
  for (const Attribute& a : e.attributes()) {
    if (a.key() != key) continue;
    switch (a.type()) {
      case Attribute::Type::kString: return std::string(a.string_value());
      case Attribute::Type::kInt: return absl::StrCat(a.int_value());
      case Attribute::Type::kDouble:
        return absl::StrFormat("%.10g", a.double_value());
      case Attribute::Type::kBool: return a.bool_value() ? "true" : "false";
    }
  }
  return "";
}

bool TypeMatches(const Attribute& a, proto::AttributeType t) {
  switch (t) {
    case proto::STRING: return a.type() == Attribute::Type::kString;
    case proto::INT: return a.type() == Attribute::Type::kInt;
    case proto::DOUBLE: return a.type() == Attribute::Type::kDouble;
    case proto::BOOL: return a.type() == Attribute::Type::kBool;
    default: return false;
  }
}

TEST(CollectorsTest, EveryCollectorGathersOnlyWhatItsCategoryDeclares) {
  TestEnv env;
  for (const CollectorSpec& spec : AllCollectors()) {
    SCOPED_TRACE(spec.category);
    CollectorHarness h;
    std::optional<int> id = h.catalog().Find(spec.category);
    ASSERT_TRUE(id) << "the collector's category is in the catalog";
    const proto::EventSpec* event = h.catalog().FindEvent(*id, spec.event);
    ASSERT_NE(event, nullptr) << "the collector's event is declared";
    std::vector<CollectedEvent> out;
    ASSERT_TRUE(h.Run(spec.category, env.env, &out).ok());
    ASSERT_THAT(out, Not(IsEmpty()));
    for (const CollectedEvent& e : out) {
      EXPECT_EQ(e.name(), spec.event);
      for (const Attribute& a : e.attributes()) {
        const proto::AttributeSpec* declared = nullptr;
        for (const proto::AttributeSpec& s : event->attributes()) {
          if (s.key() == a.key()) declared = &s;
        }
        ASSERT_NE(declared, nullptr) << "undeclared field " << a.key();
        EXPECT_TRUE(TypeMatches(a, declared->type())) << a.key();
      }
    }
    EXPECT_THAT(h.context.warnings, IsEmpty());
  }
}

TEST(CollectorsTest, CategoriesTheAppRecordsItselfHaveNoCollector) {
  EXPECT_EQ(FindCollector("log.search"), nullptr);
  EXPECT_EQ(FindCollector("order"), nullptr);
  // Every other category of the default catalog has exactly one.
  auto catalog = *catalog_internal::Catalog::Default();
  int with_collector = 0;
  for (int id = 0; id < catalog->size(); ++id) {
    with_collector += FindCollector(catalog->name(id)) != nullptr;
  }
  EXPECT_EQ(with_collector, catalog->size() - 2);
  EXPECT_EQ(static_cast<int>(AllCollectors().size()), with_collector);
}

TEST(CollectorsTest, AMissingSourceMeansNoCollector) {
  Env bare;  // no collection source at all
  for (const CollectorSpec& spec : AllCollectors()) {
    CollectorHarness h;
    std::vector<CollectedEvent> out;
    absl::Status s = h.Run(spec.category, bare, &out);
    if (std::string(spec.category) == "device.identifiers") {
      // The install id is the client's own: still collected.
      EXPECT_TRUE(s.ok()) << s;
      ASSERT_THAT(out, SizeIs(1));
      EXPECT_EQ(Field(out[0], "device_id_hash"), "");
      EXPECT_NE(Field(out[0], "install_id"), "");
    } else {
      EXPECT_TRUE(absl::IsUnavailable(s)) << spec.category << " " << s;
    }
  }
}

TEST(CollectorsTest, CoarseLocationIsRoundedToAOneKilometreGrid) {
  TestEnv env;
  CollectorHarness h;
  std::vector<CollectedEvent> out;
  ASSERT_TRUE(h.Run("location.coarse", env.env, &out).ok());
  ASSERT_THAT(out, SizeIs(1));
  EXPECT_EQ(Field(out[0], "latitude"), "31.23");    // from 31.230416
  EXPECT_EQ(Field(out[0], "longitude"), "121.47");  // from 121.473701
  EXPECT_EQ(Field(out[0], "accuracy_m"), "1000");   // never better than 1 km
  EXPECT_EQ(Field(out[0], "region"), "CN-SH");
  EXPECT_EQ(Field(out[0], "altitude_m"), "") << "coarse has no altitude";
  // It asked the platform for a coarse fix only.
  EXPECT_EQ(env.location.coarse.calls(), 1);
  EXPECT_EQ(env.location.precise.calls(), 0);
}

TEST(CollectorsTest, RoundToGridHandlesBothHemispheres) {
  EXPECT_DOUBLE_EQ(RoundToGrid(-33.868820, kCoarseGridDegrees), -33.87);
  EXPECT_DOUBLE_EQ(RoundToGrid(151.209290, kCoarseGridDegrees), 151.21);
  EXPECT_DOUBLE_EQ(RoundToGrid(-0.004, kCoarseGridDegrees), 0);
  EXPECT_DOUBLE_EQ(RoundToGrid(179.996, kCoarseGridDegrees), 180);
  EXPECT_DOUBLE_EQ(RoundToGrid(31.2304163, kPreciseGridDegrees), 31.23042);
}

TEST(CollectorsTest, PreciseLocationKeepsFiveDecimalsAndAltitude) {
  TestEnv env;
  CollectorHarness h;
  std::vector<CollectedEvent> out;
  ASSERT_TRUE(h.Run("location.precise", env.env, &out).ok());
  ASSERT_THAT(out, SizeIs(1));
  EXPECT_EQ(Field(out[0], "latitude"), "31.23042");
  EXPECT_EQ(Field(out[0], "longitude"), "121.4737");
  EXPECT_EQ(Field(out[0], "accuracy_m"), "6.5");
  EXPECT_EQ(Field(out[0], "altitude_m"), "12");
  EXPECT_EQ(env.location.coarse.calls(), 0);
}

TEST(CollectorsTest, AnOutOfRangePositionIsNotRecorded) {
  TestEnv env;
  LocationFix bad = testing::DefaultFix();
  bad.latitude = 123;  // not on Earth
  env.location.coarse.Set(bad);
  CollectorHarness h;
  std::vector<CollectedEvent> out;
  EXPECT_TRUE(absl::IsUnavailable(h.Run("location.coarse", env.env, &out)));
  EXPECT_THAT(out, IsEmpty());
}

TEST(CollectorsTest, HardwareAddressesBecomeAppScopedHashes) {
  TestEnv env;
  CollectorHarness h;
  std::vector<CollectedEvent> wifi, bt;
  ASSERT_TRUE(h.Run("location.wifi", env.env, &wifi).ok());
  ASSERT_TRUE(h.Run("location.bluetooth", env.env, &bt).ok());
  ASSERT_THAT(wifi, SizeIs(2));
  ASSERT_THAT(bt, SizeIs(1));
  AppScopedHasher hasher("com.example.shop");
  // Case and separators do not matter; the raw address is nowhere.
  EXPECT_EQ(Field(wifi[0], "bssid_hash"),
            hasher.Hash("bssid", "0a:1b:2c:3d:4e:5f"));
  EXPECT_EQ(Field(bt[0], "address_hash"),
            hasher.Hash("bluetooth", "6a:7b:8c:9d:ae:bf"));
  for (const auto* events : {&wifi, &bt}) {
    for (const CollectedEvent& e : *events) {
      for (const Attribute& a : e.attributes()) {
        if (a.type() != Attribute::Type::kString) continue;
        EXPECT_THAT(std::string(a.string_value()),
                    Not(HasSubstr("0A:1B"))) << a.key();
        EXPECT_THAT(absl::AsciiStrToLower(a.string_value()),
                    Not(HasSubstr("0a:1b"))) << a.key();
        EXPECT_THAT(absl::AsciiStrToLower(a.string_value()),
                    Not(HasSubstr("6a:7b"))) << a.key();
      }
    }
  }
}

TEST(CollectorsTest, NormalizeHardwareAddressAcceptsOnlyMacAddresses) {
  EXPECT_EQ(NormalizeHardwareAddress("0A-1B-2C-3D-4E-5F"), "0a:1b:2c:3d:4e:5f");
  EXPECT_EQ(NormalizeHardwareAddress("0a:1b:2c:3d:4e:5f"), "0a:1b:2c:3d:4e:5f");
  EXPECT_EQ(NormalizeHardwareAddress("0a:1b:2c:3d:4e"), "");
  EXPECT_EQ(NormalizeHardwareAddress("0a:1b:2c:3d:4e:5g"), "");
  EXPECT_EQ(NormalizeHardwareAddress("0a.1b.2c.3d.4e.5f"), "");
  EXPECT_EQ(NormalizeHardwareAddress(""), "");
}

TEST(CollectorsTest, AMalformedBssidIsSkippedWithAWarning) {
  TestEnv env;
  WifiScan scan;
  scan.access_points.push_back({"Cafe", "not-a-mac", -50, 2412});
  env.nearby.wifi.Set(scan);
  CollectorHarness h;
  std::vector<CollectedEvent> out;
  ASSERT_TRUE(h.Run("location.wifi", env.env, &out).ok());
  ASSERT_THAT(out, SizeIs(1));
  EXPECT_EQ(Field(out[0], "ssid"), "Cafe");
  EXPECT_EQ(Field(out[0], "bssid_hash"), "");
  EXPECT_EQ(Field(out[0], "rssi"), "-50");
  EXPECT_THAT(h.context.warnings, ElementsAre(HasSubstr("BSSID")));
}

TEST(CollectorsTest, ScansAreCappedWithAWarning) {
  TestEnv env;
  WifiScan scan;
  for (int i = 0; i < 100; ++i) {
    scan.access_points.push_back(
        {absl::StrCat("ap", i), absl::StrFormat("00:00:00:00:00:%02x", i), -60,
         2412});
  }
  env.nearby.wifi.Set(scan);
  CollectorHarness h;
  std::vector<CollectedEvent> out;
  ASSERT_TRUE(h.Run("location.wifi", env.env, &out).ok());
  EXPECT_THAT(out, SizeIs(64));
  EXPECT_THAT(h.context.warnings, ElementsAre(HasSubstr("more than 64")));
}

TEST(CollectorsTest, IdentifiersAreHashedAndTheInstallIdComesFromTheClient) {
  TestEnv env;
  CollectorHarness h;
  std::vector<CollectedEvent> out;
  ASSERT_TRUE(h.Run("device.identifiers", env.env, &out).ok());
  ASSERT_THAT(out, SizeIs(1));
  AppScopedHasher hasher("com.example.shop");
  EXPECT_EQ(Field(out[0], "device_id_hash"),
            hasher.Hash("device_id", testing::kRawDeviceId));
  EXPECT_EQ(Field(out[0], "advertising_id"),
            hasher.Hash("advertising_id", testing::kRawAdvertisingId));
  EXPECT_EQ(Field(out[0], "install_id"), "11111111-2222-4333-8444-555555555555");
  EXPECT_EQ(h.context.install_id_calls, 1);
}

TEST(AppScopedHasherTest, IsStablePerAppAndUnrelatedAcrossAppsAndKinds) {
  AppScopedHasher shop("com.example.shop"), other("com.example.other");
  std::string h = shop.Hash("device_id", "abc");
  EXPECT_EQ(h.size(), 32u);
  EXPECT_EQ(h.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(h, AppScopedHasher("com.example.shop").Hash("device_id", "abc"));
  EXPECT_NE(h, other.Hash("device_id", "abc"));
  EXPECT_NE(h, shop.Hash("bssid", "abc"));
  EXPECT_NE(h, shop.Hash("device_id", "abd"));
}

TEST(CollectorsTest, ALongAppListIsSplitIntoBoundedParts) {
  TestEnv env;
  AppList list;
  for (int i = 1999; i >= 0; --i) {
    list.packages.push_back(absl::StrFormat("com.example.app%04d", i));
  }
  list.packages.push_back("com.example.app0007");  // a duplicate
  list.packages.push_back("bad,name");             // would break the list
  list.packages.push_back("");
  env.apps.list.Set(list);
  CollectorHarness h;
  std::vector<CollectedEvent> out;
  ASSERT_TRUE(h.Run("device.app_list", env.env, &out).ok());
  ASSERT_GT(out.size(), 1u);
  std::vector<std::string> all;
  for (size_t i = 0; i < out.size(); ++i) {
    EXPECT_EQ(Field(out[i], "count"), "2000");
    EXPECT_EQ(Field(out[i], "part"), absl::StrCat(i + 1));
    EXPECT_EQ(Field(out[i], "parts"), absl::StrCat(out.size()));
    std::string packages = Field(out[i], "packages");
    EXPECT_LE(packages.size(), 8u << 10);
    for (absl::string_view p : absl::StrSplit(packages, ',')) {
      all.emplace_back(p);
    }
  }
  ASSERT_THAT(all, SizeIs(2000));
  EXPECT_TRUE(std::is_sorted(all.begin(), all.end()));
  EXPECT_EQ(all.front(), "com.example.app0000");
  EXPECT_THAT(h.context.warnings, ElementsAre(HasSubstr("2 malformed")));
}

TEST(CollectorsTest, DeviceBasicKeepsTheValidFieldsAndPassesWarningsOn) {
  TestEnv env;
  DeviceInfo partial;
  partial.kernel = "6.1";
  partial.cpu_count = 4;
  partial.warnings = {"cannot read /etc/os-release"};
  env.device_facts.read.Set(partial);
  CollectorHarness h;
  std::vector<CollectedEvent> out;
  ASSERT_TRUE(h.Run("device.basic", env.env, &out).ok());
  ASSERT_THAT(out, SizeIs(1));
  std::vector<std::string> keys;
  for (const Attribute& a : out[0].attributes()) keys.emplace_back(a.key());
  EXPECT_THAT(keys, ElementsAre("kernel", "cpu_count"));
  EXPECT_THAT(h.context.warnings, ElementsAre("cannot read /etc/os-release"));
}

TEST(CollectorsTest, APlatformErrorComesBackAndRecordsNothing) {
  TestEnv env;
  env.network.carrier.Set(absl::UnavailableError("no modem"));
  CollectorHarness h;
  std::vector<CollectedEvent> out;
  absl::Status s = h.Run("network.carrier", env.env, &out);
  EXPECT_TRUE(absl::IsUnavailable(s));
  EXPECT_THAT(s.message(), HasSubstr("no modem"));
  EXPECT_THAT(out, IsEmpty());
}

TEST(CollectorsTest, AccessRecordsTheTimeOfAccess) {
  TestEnv env;
  CollectorHarness h;
  std::vector<CollectedEvent> out;
  ASSERT_TRUE(h.Run("log.access", env.env, &out).ok());
  ASSERT_THAT(out, SizeIs(1));
  EXPECT_EQ(Field(out[0], "ip"), "10.1.2.3");
  EXPECT_EQ(Field(out[0], "access_time_ms"), "1800000000000");
}

}  // namespace
}  // namespace telegate::collect_internal
