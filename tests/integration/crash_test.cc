// Guarantee 11: the library survives kill -9 at any moment, losing no
// acknowledged event and keeping no revoked one.
//
// A child process (crash_child.cc) opens a client on a data directory and
// tracks, flushes, revokes, re-grants and rotates keys at random; the test
// kills it with SIGKILL at a random moment (sometimes while it is still
// starting up and recovering), then, before anything else opens the
// directory, checks the files as the kill left them:
//   - every database passes PRAGMA integrity_check and
//     PRAGMA cipher_integrity_check (every page's HMAC);
//   - every event whose commit was acknowledged (a Flush returned OK, and no
//     revoke of its category started since) is present;
//   - no event of a category whose revoke returned before the kill is
//     present; a category revoked and not granted again has no file and no
//     key left at all;
//   - a revoke in flight at the kill took all or nothing.
// The next child then opens the same directory (start-up recovery runs) and
// the cycle repeats.
//
// Under an emulator (a cross build's tests under qemu, where the child runs
// about ten times slower) the kill windows are ten times as long and the
// default is 50 kills, so that the children still get work acknowledged
// before they die and the run stays within its timeout.
//
// TELEGATE_CRASH_ITERATIONS (default 200) sets the number of kills, e.g.
//   TELEGATE_CRASH_ITERATIONS=5000 build/tests/telegate_integration_tests
//       --gtest_filter='CrashTest.*'
// and TELEGATE_CRASH_SEED replays a run (the seed is printed on failure).
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <map>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "store/event_file.h"
#include "store/sqlcipher_db.h"
#include "store/store.h"
#include "support/child_process.h"
#include "support/test_dir.h"
#include "telegate/desktop/file_key_store.h"
#include "telegate/event.pb.h"
#include "util/files.h"

namespace telegate {
namespace {

using ::telegate::testing::ChildCommand;
using ::telegate::testing::TestDir;

const char* const kCategories[] = {"log.search", "order", "device.basic"};

struct Gen {
  int run = 0;
  int gen = 0;
  int64_t acked = 0;
  std::string Prefix() const { return absl::StrCat("R", run, "G", gen, "N"); }
};

// What the harness knows about one category from the children's reports.
struct CategoryModel {
  std::vector<Gen> live;       // since the last revoke: acked events stay
  std::vector<Gen> uncertain;  // a revoke started, not acknowledged
  std::vector<Gen> gone;       // revoked: must never be seen again
  bool revoked_last = false;   // the last word was "revoked"
};

// Everything the child said, line by line, until it died.
std::vector<std::string> RunChild(const std::string& dir, int run,
                                  uint64_t seed, std::mt19937_64* random,
                                  int slowdown, bool* killed_while_starting) {
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) return {"error pipe"};
  const ChildCommand child(TELEGATE_CRASH_CHILD_BIN,
                           {"--data-dir", dir, "--run", absl::StrCat(run),
                            "--seed", absl::StrCat(seed)});
  pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(pipe_fds[1], 1);
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    child.Exec();
  }
  ::close(pipe_fds[1]);
  // One kill in five lands while the child is opening its client (start-up
  // recovery: WAL replay, interrupted purges and rotations, migrations); the
  // others at a random moment of its work.
  *killed_while_starting = (*random)() % 5 == 0;
  const auto start = std::chrono::steady_clock::now();
  std::string buffer;
  bool armed = false;
  std::chrono::steady_clock::time_point kill_at;
  for (;;) {
    auto now = std::chrono::steady_clock::now();
    if (armed && now >= kill_at) break;
    if (now - start > std::chrono::seconds(60)) break;  // a hung child
    struct pollfd pfd = {pipe_fds[0], POLLIN, 0};
    ::poll(&pfd, 1, 1);
    if (pfd.revents & (POLLIN | POLLHUP)) {
      char chunk[4096];
      ssize_t n = ::read(pipe_fds[0], chunk, sizeof(chunk));
      if (n <= 0) break;  // the child exited on its own (an error)
      buffer.append(chunk, n);
      const char* trigger = *killed_while_starting ? "opening\n" : "ready\n";
      if (!armed && buffer.find(trigger) != std::string::npos) {
        armed = true;
        kill_at = std::chrono::steady_clock::now() +
                  std::chrono::microseconds(
                      (*random)() % (*killed_while_starting ? 8000 : 60000) *
                      slowdown);
      }
    }
  }
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  char chunk[4096];
  for (ssize_t n; (n = ::read(pipe_fds[0], chunk, sizeof(chunk))) > 0;) {
    buffer.append(chunk, n);
  }
  ::close(pipe_fds[0]);
  std::vector<std::string> lines = absl::StrSplit(buffer, '\n');
  // A line cut by the kill is not a report.
  if (!buffer.empty() && buffer.back() != '\n') lines.pop_back();
  return lines;
}

// FileKeyStore::Destroy zeroes a key file before unlinking it: a kill in
// between leaves a key of zeros, a key being destroyed.
bool IsZero(const SecretBytes& key) {
  uint8_t any = 0;
  for (size_t i = 0; i < key.size(); ++i) any |= key.data()[i];
  return any == 0;
}

// The markers of the events a category's file holds, or an error if the
// file exists, a key for it exists, and it cannot be read.
absl::StatusOr<std::set<std::string>> StoredMarkers(const std::string& dir,
                                                    desktop::FileKeyStore* keys,
                                                    const std::string& category,
                                                    bool* readable) {
  std::set<std::string> markers;
  *readable = false;
  store_internal::Store layout(dir, keys);
  const std::string path = layout.EventFilePath(category);
  if (!util_internal::PathExists(path)) return markers;
  const std::string base = store_internal::CategoryKeyName(category);
  absl::Status last;
  bool any_key = false;
  for (const std::string& name : {base, base + store_internal::kAltKeySuffix}) {
    absl::StatusOr<SecretBytes> key = keys->Get(name);
    if (!key.ok() || IsZero(*key)) continue;  // none, or half destroyed
    any_key = true;
    // Integrity first: every page, every HMAC.
    store_internal::OpenOptions options;
    options.create = false;
    absl::StatusOr<std::unique_ptr<store_internal::SqlcipherDb>> db =
        store_internal::SqlcipherDb::Open(path, *key, options);
    if (absl::IsDataLoss(db.status())) {
      last = db.status();
      continue;  // the other slot's key (a rotation in flight)
    }
    if (!db.ok()) return db.status();
    absl::StatusOr<std::vector<std::string>> problems =
        (*db)->IntegrityProblems();
    if (!problems.ok()) return problems.status();
    if (!problems->empty()) {
      return absl::DataLossError(absl::StrCat(path, ": ", problems->at(0)));
    }
    db->reset();
    absl::StatusOr<std::unique_ptr<store_internal::EventFile>> file =
        store_internal::EventFile::Open(path, *key, category, false);
    if (!file.ok()) return file.status();
    absl::Status parse;
    absl::Status status =
        (*file)->ForEach([&](const store_internal::EventRow& row) {
          proto::Event event;
          if (!event.ParseFromArray(row.payload.data(),
                                    static_cast<int>(row.payload.size()))) {
            parse = absl::DataLossError("bad event");
            return false;
          }
          // The child's events carry one attribute, the marker; a
          // collector's (device.basic is collected at start) carry more.
          if (event.attributes_size() == 1) {
            markers.insert(event.attributes(0).string_value());
          }
          return true;
        });
    if (!status.ok()) return status;
    if (!parse.ok()) return parse;
    *readable = true;
    return markers;
  }
  if (any_key) {
    return absl::DataLossError(
        absl::StrCat(path, " opens with neither key slot: ", last.ToString()));
  }
  return markers;  // no key: crypto-shredded, nothing readable
}

bool HasPrefix(const std::set<std::string>& markers,
               const std::string& prefix) {
  auto it = markers.lower_bound(prefix);
  return it != markers.end() && it->compare(0, prefix.size(), prefix) == 0;
}

int64_t Count(const std::set<std::string>& markers, const Gen& gen) {
  int64_t n = 0;
  for (int64_t i = 0; i < gen.acked; ++i) {
    n += markers.count(absl::StrCat(gen.Prefix(), i));
  }
  return n;
}

TEST(CrashTest,
     KillNineAtRandomMomentsLosesNoAcknowledgedEventAndKeepsNoRevokedOne) {
  const bool emulated = !testing::EmulatorCommand().empty();
  const int slowdown = emulated ? 10 : 1;
  int iterations = emulated ? 50 : 200;
  if (const char* env = std::getenv("TELEGATE_CRASH_ITERATIONS")) {
    ASSERT_TRUE(absl::SimpleAtoi(env, &iterations));
  }
  uint64_t seed = std::random_device()();
  if (const char* env = std::getenv("TELEGATE_CRASH_SEED")) {
    ASSERT_TRUE(absl::SimpleAtoi(env, &seed));
  }
  SCOPED_TRACE(absl::StrCat("TELEGATE_CRASH_SEED=", seed));
  std::mt19937_64 random(seed);
  TestDir dir;
  desktop::FileKeyStore keys(dir.Sub("keys"));
  std::map<std::string, CategoryModel> model;
  int early_kills = 0, acked_total = 0, revokes = 0, rotations = 0;

  for (int run = 1; run <= iterations; ++run) {
    bool early = false;
    std::vector<std::string> lines =
        RunChild(dir.path(), run, random(), &random, slowdown, &early);
    if (early) ++early_kills;
    for (const std::string& line : lines) {
      std::vector<std::string> w = absl::StrSplit(line, ' ');
      ASSERT_NE(w[0], "error") << "run " << run << ": " << line;
      if (w[0] == "state") {
        CategoryModel& m = model[w[1]];
        if (w[2] == "open") {
          // A revoke in flight at the last kill did not take.
          m.live.insert(m.live.end(), m.uncertain.begin(), m.uncertain.end());
          m.uncertain.clear();
          m.live.push_back(Gen{run, std::stoi(w[3]), 0});
          m.revoked_last = false;
        } else {
          ASSERT_TRUE(m.live.empty())
              << "run " << run << ": " << w[1]
              << " came back closed with acknowledged consent";
          m.gone.insert(m.gone.end(), m.uncertain.begin(), m.uncertain.end());
          m.uncertain.clear();
        }
      } else if (w[0] == "granted") {
        model[w[1]].live.push_back(Gen{run, std::stoi(w[2]), 0});
        model[w[1]].revoked_last = false;
      } else if (w[0] == "granting") {
        model[w[1]].revoked_last = false;
      } else if (w[0] == "ack") {
        for (Gen& g : model[w[1]].live) {
          if (g.run == run && g.gen == std::stoi(w[2])) {
            acked_total += std::stoi(w[3]) - g.acked;
            g.acked = std::stoi(w[3]);
          }
        }
      } else if (w[0] == "revoking") {
        CategoryModel& m = model[w[1]];
        m.uncertain.insert(m.uncertain.end(), m.live.begin(), m.live.end());
        m.live.clear();
      } else if (w[0] == "revoked") {
        CategoryModel& m = model[w[1]];
        m.gone.insert(m.gone.end(), m.uncertain.begin(), m.uncertain.end());
        m.uncertain.clear();
        m.revoked_last = true;
        ++revokes;
      } else if (w[0] == "rotated") {
        ++rotations;
      }
    }

    // The directory as the kill left it.
    for (const char* category : kCategories) {
      SCOPED_TRACE(absl::StrCat("run ", run, ", ", category));
      CategoryModel& m = model[category];
      bool readable = false;
      absl::StatusOr<std::set<std::string>> markers =
          StoredMarkers(dir.path(), &keys, category, &readable);
      ASSERT_TRUE(markers.ok()) << markers.status();
      for (const Gen& g : m.gone) {
        ASSERT_FALSE(HasPrefix(*markers, g.Prefix()))
            << "an event revoked before the kill: " << g.Prefix();
      }
      for (const Gen& g : m.live) {
        ASSERT_EQ(Count(*markers, g), g.acked)
            << "acknowledged events lost: " << g.Prefix();
      }
      int64_t uncertain_acked = 0, uncertain_present = 0;
      for (const Gen& g : m.uncertain) {
        uncertain_acked += g.acked;
        uncertain_present += Count(*markers, g);
      }
      ASSERT_TRUE(uncertain_present == 0 ||
                  uncertain_present == uncertain_acked)
          << "a revoke in flight took part of the events: " << uncertain_present
          << " of " << uncertain_acked;
      if (m.revoked_last) {
        store_internal::Store layout(dir.path(), &keys);
        const std::string path = layout.EventFilePath(category);
        for (const char* suffix : {"", "-wal", "-shm"}) {
          ASSERT_FALSE(util_internal::PathExists(path + suffix))
              << "revoked, yet " << path << suffix << " remains";
        }
        const std::string base = store_internal::CategoryKeyName(category);
        for (const std::string& name :
             {base, base + store_internal::kAltKeySuffix}) {
          ASSERT_TRUE(absl::IsNotFound(keys.Get(name).status()))
              << "revoked, yet key " << name << " remains";
        }
      }
    }
    // The consent database too.
    const std::string consent = dir.Sub("telegate.db");
    if (util_internal::PathExists(consent)) {
      bool checked = false;
      for (const char* name : {"telegate.db", "telegate.db.alt"}) {
        absl::StatusOr<SecretBytes> key = keys.Get(name);
        if (!key.ok() || IsZero(*key)) continue;
        store_internal::OpenOptions options;
        options.create = false;
        options.synchronous_full = true;
        absl::StatusOr<std::unique_ptr<store_internal::SqlcipherDb>> db =
            store_internal::SqlcipherDb::Open(consent, *key, options);
        if (absl::IsDataLoss(db.status())) continue;
        ASSERT_TRUE(db.ok()) << db.status();
        absl::StatusOr<std::vector<std::string>> problems =
            (*db)->IntegrityProblems();
        ASSERT_TRUE(problems.ok());
        ASSERT_THAT(*problems, ::testing::IsEmpty()) << "run " << run;
        checked = true;
      }
      ASSERT_TRUE(checked) << "run " << run
                           << ": telegate.db opens with no key";
    }
  }
  std::printf(
      "crash harness: %d kills (%d while starting), %d events "
      "acknowledged, %d revokes and %d key rotations acknowledged\n",
      iterations, early_kills, acked_total, revokes, rotations);
  EXPECT_GT(acked_total, 0);
  EXPECT_GT(revokes, 0);
}

}  // namespace
}  // namespace telegate
