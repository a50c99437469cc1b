// telegate-consumer: the smallest host app, built against an installed
// Telegate (see CMakeLists.txt). It opens a client, grants one category,
// tracks an event, checks that it was stored, revokes, and checks that it
// is gone. Every returned status is checked.
//
//   telegate-consumer DATA_DIR   (DATA_DIR must exist; prints "ok" and exits 0)
#include <cstdio>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "telegate/desktop/desktop_env.h"
#include "telegate/telegate.h"

namespace {

int Fail(const char* step, const absl::Status& status) {
  std::fprintf(stderr, "telegate-consumer: %s: %s\n", step,
               status.ToString().c_str());
  return 1;
}

// Events buffered for `category`, or -1 if the client does not list it.
int64_t Buffered(telegate::Client& client, const std::string& category) {
  for (const telegate::CategoryStatus& status : client.GetCategoryStatus()) {
    if (status.name == category) return status.buffered_events;
  }
  return -1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: telegate-consumer DATA_DIR\n");
    return 2;
  }
  const std::string dir = argv[1];

  telegate::desktop::DesktopEnvOptions env_options;
  env_options.key_dir = dir + "/keys";
  absl::StatusOr<std::unique_ptr<telegate::desktop::DesktopEnv>> env =
      telegate::desktop::DesktopEnv::Create(env_options);
  if (!env.ok()) return Fail("DesktopEnv::Create", env.status());

  telegate::ClientOptions options;
  options.data_dir = dir;       // must exist
  options.env = (*env)->env();  // must outlive the client
  options.app_id = "com.example.consumer";
  absl::StatusOr<std::unique_ptr<telegate::Client>> client =
      telegate::Client::Open(options);
  if (!client.ok()) return Fail("Client::Open", client.status());

  // Off by default: the event is refused and nothing is stored.
  absl::Status closed =
      (*client)->Track("log.search", "search", {{"query", "before consent"}});
  if (!absl::IsPermissionDenied(closed)) {
    return Fail("Track before consent", closed);
  }

  absl::Status status = (*client)->SetConsent("log.search", true);
  if (!status.ok()) return Fail("SetConsent(on)", status);
  status = (*client)->Track("log.search", "search",
                            {{"query", "red shoes"}, {"results", 12}});
  if (!status.ok()) return Fail("Track", status);
  status = (*client)->Flush(absl::Seconds(10));
  if (!status.ok()) return Fail("Flush", status);
  if (Buffered(**client, "log.search") != 1) {
    return Fail("after Track",
                absl::InternalError("expected 1 buffered event"));
  }

  // The revoke is a barrier: when it returns, the event is gone.
  status = (*client)->SetConsent("log.search", false);
  if (!status.ok()) return Fail("SetConsent(off)", status);
  if (Buffered(**client, "log.search") != 0) {
    return Fail("after revoke", absl::InternalError("events left behind"));
  }

  status = (*client)->Close(absl::Seconds(10));
  if (!status.ok()) return Fail("Close", status);
  std::printf("ok\n");
  return 0;
}
