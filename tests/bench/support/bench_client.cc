#include "support/bench_client.h"

#include <utility>

#include "absl/strings/str_cat.h"

namespace telegate::bench {

BenchClient::BenchClient() {
  desktop::DesktopEnvOptions env_options;
  env_options.key_dir = absl::StrCat(dir_.path(), "/keys");
  env_options.app_version = "telegate-bench";
  absl::StatusOr<std::unique_ptr<desktop::DesktopEnv>> env =
      desktop::DesktopEnv::Create(env_options);
  if (!env.ok()) {
    error_ = env.status();
    return;
  }
  env_ = *std::move(env);
  options_.data_dir = dir_.path();
  options_.env = env_->env();
}

BenchClient::~BenchClient() { Close().IgnoreError(); }

Client* BenchClient::Open() {
  Close().IgnoreError();
  if (env_ == nullptr) return nullptr;
  absl::StatusOr<std::unique_ptr<Client>> client = Client::Open(options_);
  if (!client.ok()) {
    error_ = client.status();
    return nullptr;
  }
  client_ = *std::move(client);
  return client_.get();
}

absl::Status BenchClient::Close() {
  if (client_ == nullptr) return absl::OkStatus();
  absl::Status status = client_->Close(absl::Seconds(30));
  client_.reset();
  return status;
}

}  // namespace telegate::bench
