#include "support/client_fixture.h"

#include "catalog/catalog.h"
#include "gtest/gtest.h"

namespace telegate::testing {

std::string PolicyAt(uint32_t major, uint32_t minor,
                     uint32_t precise_definition, bool reconsent_all) {
  proto::Policy policy;
  policy.ParseFromString(
      std::string(catalog_internal::Catalog::DefaultPolicyBytes()));
  policy.set_version_major(major);
  policy.set_version_minor(minor);
  policy.set_reconsent_all_on_major(reconsent_all);
  for (proto::Category& c : *policy.mutable_categories()) {
    if (c.name() == "location.precise")
      c.set_definition_major(precise_definition);
  }
  if (major > 1) {
    proto::PolicyVersion* v = policy.add_earlier_versions();
    v->set_major(1);
    v->set_minor(0);
  }
  return policy.SerializeAsString();
}

std::unique_ptr<Client> OpenOrDie(const ClientOptions& options) {
  absl::StatusOr<std::unique_ptr<Client>> client = Client::Open(options);
  EXPECT_TRUE(client.ok()) << client.status();
  if (!client.ok()) return nullptr;
  return *std::move(client);
}

void AdvanceAndSettle(TestEnv& env, Client* client, absl::Duration d) {
  constexpr absl::Duration kTimeout = absl::Seconds(10);
  absl::Duration left = d;
  for (;;) {
    while (env.scheduler.RunDue() > 0) {
      EXPECT_TRUE(client->Flush(kTimeout).ok());
    }
    EXPECT_TRUE(client->Flush(kTimeout).ok());
    std::vector<absl::Duration> due = env.scheduler.PendingDelays();
    if (due.empty() || due.front() > left) {
      env.scheduler.Advance(left);  // nothing falls due on the way
      return;
    }
    env.scheduler.Advance(due.front());  // runs it
    left -= due.front();
  }
}

int TestEnv::PlatformCalls(absl::string_view category) const {
  if (category == "device.basic") return device_facts.read.calls();
  if (category == "device.identifiers") return identity.read.calls();
  if (category == "device.app_list") return apps.list.calls();
  if (category == "device.usage") return usage.query.calls();
  if (category == "location.precise") return location.precise.calls();
  if (category == "location.coarse") return location.coarse.calls();
  if (category == "location.wifi") return nearby.wifi.calls();
  if (category == "location.bluetooth") return nearby.bluetooth.calls();
  if (category == "location.cell") return cells.scan.calls();
  if (category == "network.carrier") return network.carrier.calls();
  if (category == "log.access") return access.read.calls();
  return 0;
}

int TestEnv::AllPlatformCalls() const {
  return device_facts.read.calls() + identity.read.calls() + apps.list.calls() +
         usage.query.calls() + location.precise.calls() +
         location.coarse.calls() + nearby.wifi.calls() +
         nearby.bluetooth.calls() + cells.scan.calls() +
         network.carrier.calls() + access.read.calls();
}

void TestEnv::GrantAllPermissions() {
  auto catalog = catalog_internal::Catalog::Default();
  ASSERT_TRUE(catalog.ok());
  for (const std::string& p :
       (*catalog)->AllPermissions(permissions.platform())) {
    permissions.SetQuietly(p, true);
  }
}

}  // namespace telegate::testing
