// TestEnv: an Env made of fakes, and helpers to open clients on it.
#ifndef TELEGATE_TESTS_SUPPORT_CLIENT_FIXTURE_H_
#define TELEGATE_TESTS_SUPPORT_CLIENT_FIXTURE_H_

#include <memory>
#include <string>

#include "fakes/fake_clock.h"
#include "fakes/fake_key_store.h"
#include "fakes/fake_permission_source.h"
#include "telegate/telegate.h"

namespace telegate::testing {

struct TestEnv {
  FakePermissionSource permissions;
  FakeKeyStore keys;
  FakeClock clock;
  Env env;

  TestEnv() {
    env.permissions = &permissions;
    env.key_store = &keys;
    env.clock = &clock;
  }
  ClientOptions Options(const std::string& data_dir) const {
    ClientOptions options;
    options.data_dir = data_dir;
    options.env = &env;
    return options;
  }
};

// Opens a client or fails the test (ASSERT-style: returns nullptr).
std::unique_ptr<Client> OpenOrDie(const ClientOptions& options);

}  // namespace telegate::testing

#endif  // TELEGATE_TESTS_SUPPORT_CLIENT_FIXTURE_H_
