// telegate_crash_child: the process the crash harness kills with SIGKILL.
//
//   telegate_crash_child --data-dir DIR --run N --seed S
//
// Opens a client on DIR (keys in DIR/keys, as an app would), reports the
// state it found, then tracks, flushes, revokes, re-grants and rotates keys
// at random until it is killed. Every step that the harness must know about
// is written to stdout as one line, with a single write() — before the call
// for a step that may or may not happen ("revoking"), after it returns OK for
// one that is acknowledged ("revoked", "ack"):
//
//   opening                          (start-up and recovery begin)
//   state <category> open <gen> | state <category> closed
//   ready
//   granting <category> <gen>        granted <category> <gen>
//   revoking <category>              revoked <category>
//   ack <category> <gen> <count>     (events N0..N<count-1> of gen are durable)
//   rotating                         rotated
//
// An event's marker is "R<run>G<gen>N<n>" in its one string attribute; gens
// are numbered per run, so a marker names exactly one event ever.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "telegate/desktop/desktop_env.h"
#include "telegate/telegate.h"

namespace {

struct Category {
  const char* name;
  const char* event;
  const char* key;
  bool open = false;
  int gen = 0;
  int64_t next = 0;  // events tracked OK in this gen
};

void Say(const std::string& line) {
  std::string out = line + "\n";
  ssize_t n = ::write(1, out.data(), out.size());
  (void)n;
}

[[noreturn]] void Fail(const std::string& what, const absl::Status& status) {
  Say(absl::StrCat("error ", what, ": ", status.ToString()));
  std::_Exit(3);
}

}  // namespace

int main(int argc, char** argv) {
  std::string data_dir;
  int run = 0;
  uint64_t seed = 1;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string arg = argv[i];
    if (arg == "--data-dir") data_dir = argv[i + 1];
    if (arg == "--run") run = std::atoi(argv[i + 1]);
    if (arg == "--seed") seed = std::strtoull(argv[i + 1], nullptr, 10);
  }
  if (data_dir.empty()) return 2;
  std::mt19937_64 random(seed);
  auto chance = [&](int percent) {
    return static_cast<int>(random() % 1000) < percent * 10;
  };

  telegate::desktop::DesktopEnvOptions env_options;
  env_options.key_dir = data_dir + "/keys";
  auto env = telegate::desktop::DesktopEnv::Create(env_options);
  if (!env.ok()) Fail("env", env.status());
  telegate::ClientOptions options;
  options.data_dir = data_dir;
  options.env = (*env)->env();
  options.max_batch_events = 32;
  options.max_batch_delay = absl::Milliseconds(1);
  options.max_buffered_events = 0;  // no eviction: every ack must hold
  options.max_buffered_bytes = 0;
  Say("opening");
  auto client = telegate::Client::Open(options);
  if (!client.ok()) Fail("open", client.status());

  std::vector<Category> categories = {
      {"log.search", "search", "query"},
      {"order", "order", "order_id"},
      {"device.basic", "device_info", "model"},
  };
  int gens = 0;
  for (Category& c : categories) {
    for (const telegate::CategoryStatus& s : (*client)->GetCategoryStatus()) {
      if (s.name == c.name) c.open = s.open;
    }
    if (c.open) {
      c.gen = ++gens;
      Say(absl::StrCat("state ", c.name, " open ", c.gen));
    } else {
      Say(absl::StrCat("state ", c.name, " closed"));
    }
  }
  Say("ready");

  for (;;) {
    Category& c = categories[random() % categories.size()];
    if (!c.open) {
      if (chance(20)) {
        const int gen = ++gens;
        Say(absl::StrCat("granting ", c.name, " ", gen));
        absl::Status s = (*client)->SetConsent(c.name, true);
        if (!s.ok()) Fail("grant", s);
        c.open = true;
        c.gen = gen;
        c.next = 0;
        Say(absl::StrCat("granted ", c.name, " ", gen));
      }
      continue;
    }
    if (chance(2)) {
      Say(absl::StrCat("revoking ", c.name));
      absl::Status s = (*client)->SetConsent(c.name, false);
      if (!s.ok()) Fail("revoke", s);
      c.open = false;
      Say(absl::StrCat("revoked ", c.name));
      continue;
    }
    if (chance(1)) {
      Say("rotating");
      absl::Status s = (*client)->RotateKeys();
      if (!s.ok()) Fail("rotate", s);
      Say("rotated");
      continue;
    }
    if (chance(8)) {
      absl::Status s = (*client)->Flush(absl::Seconds(30));
      if (!s.ok()) Fail("flush", s);
      for (const Category& a : categories) {
        if (a.open) Say(absl::StrCat("ack ", a.name, " ", a.gen, " ", a.next));
      }
      continue;
    }
    std::string marker = absl::StrCat("R", run, "G", c.gen, "N", c.next);
    absl::Status s = (*client)->Track(c.name, c.event, {{c.key, marker}});
    if (s.ok()) {
      ++c.next;
    } else if (!absl::IsResourceExhausted(s)) {
      Fail("track", s);
    }
    if (chance(10)) std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
}
