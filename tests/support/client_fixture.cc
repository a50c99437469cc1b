#include "support/client_fixture.h"

#include "gtest/gtest.h"

namespace telegate::testing {

std::unique_ptr<Client> OpenOrDie(const ClientOptions& options) {
  absl::StatusOr<std::unique_ptr<Client>> client = Client::Open(options);
  EXPECT_TRUE(client.ok()) << client.status();
  if (!client.ok()) return nullptr;
  return *std::move(client);
}

}  // namespace telegate::testing
