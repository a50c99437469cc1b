// Guarantee 11: the library never writes to the host's stdout or stderr —
// not itself, not through SQLCipher (which prints every failed decrypt by
// default) and not through protobuf (which prints every string that is not
// UTF-8). What it has to say goes to the host's log hook, never with event
// contents, and nowhere without one. Each test captures fds 1 and 2 around
// the work, after a positive control that the capture sees a write.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "support/client_fixture.h"
#include "support/test_dir.h"
#include "telegate/policy.pb.h"

namespace telegate {
namespace {

using ::telegate::testing::OpenOrDie;
using ::telegate::testing::ReadFileOrEmpty;
using ::telegate::testing::TestDir;
using ::telegate::testing::TestEnv;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr char kMarker[] = "SECRET-ORDER-MARKER";

// Sends fds 1 and 2 to files until Stop (or the end of the scope).
class CapturedOutput {
 public:
  explicit CapturedOutput(const TestDir& dir)
      : out_path_(dir.Sub("captured.stdout")),
        err_path_(dir.Sub("captured.stderr")) {
    std::fflush(nullptr);
    saved_out_ = ::dup(1);
    saved_err_ = ::dup(2);
    int out = ::open(out_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = ::open(err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(out, 1);
    ::dup2(err, 2);
    ::close(out);
    ::close(err);
  }
  ~CapturedOutput() { Stop(); }

  // Restores fds 1 and 2 (idempotent).
  void Stop() {
    if (saved_out_ < 0) return;
    std::fflush(nullptr);
    ::dup2(saved_out_, 1);
    ::dup2(saved_err_, 2);
    ::close(saved_out_);
    ::close(saved_err_);
    saved_out_ = saved_err_ = -1;
  }
  std::string out() const { return ReadFileOrEmpty(out_path_); }
  std::string err() const { return ReadFileOrEmpty(err_path_); }

 private:
  std::string out_path_;
  std::string err_path_;
  int saved_out_ = -1;
  int saved_err_ = -1;
};

struct Message {
  LogLevel level;
  std::string text;
};

// A hook that keeps what it hears. Thread-safe enough: the client
// serializes its calls, and the test reads only after Close.
struct Heard {
  std::vector<Message> messages;
  LogHook Hook() {
    return [this](LogLevel level, absl::string_view text) {
      messages.push_back({level, std::string(text)});
    };
  }
  bool Any(LogLevel level, absl::string_view part) const {
    for (const Message& m : messages) {
      if (m.level == level && absl::StrContains(m.text, part)) return true;
    }
    return false;
  }
  std::vector<std::string> Texts() const {
    std::vector<std::string> texts;
    for (const Message& m : messages) texts.push_back(m.text);
    return texts;
  }
};

class LibraryOutputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = dir_.Sub("data");
    ASSERT_EQ(::mkdir(data_.c_str(), 0700), 0);
    // The capture works: a write to fd 2 and to stdout is seen.
    CapturedOutput control(dir_);
    std::fputs("control-err\n", stderr);
    std::printf("control-out\n");
    control.Stop();
    ASSERT_EQ(control.err(), "control-err\n");
    ASSERT_EQ(control.out(), "control-out\n");
  }

  ClientOptions Options(Heard* heard = nullptr) {
    ClientOptions options = env_.Options(data_);
    if (heard != nullptr) {
      options.log = heard->Hook();
      options.log_level = LogLevel::kDebug;
    }
    return options;
  }

  // Buffers `n` orders under consent, then closes the client.
  void BufferOrders(int n) {
    auto client = OpenOrDie(Options());
    ASSERT_NE(client, nullptr);
    ASSERT_TRUE(client->SetConsent("order", true).ok());
    for (int i = 0; i < n; ++i) {
      ASSERT_TRUE(client
                      ->Track("order", "order",
                              {{"order_id", absl::StrCat(kMarker, "-", i)}})
                      .ok());
    }
    ASSERT_TRUE(client->Close(absl::Seconds(10)).ok());
  }

  // Opens the client over a file its key no longer opens (the recovery path
  // where SQLCipher reports an HMAC failure), works a little, closes.
  void RecoverFromAWrongKey(Heard* heard) {
    env_.keys.Put("telegate.category.order", std::string(32, 'k'));
    auto client = OpenOrDie(Options(heard));
    ASSERT_NE(client, nullptr);
    EXPECT_EQ(client->GetStoreHealth().databases_replaced, 1);
    ASSERT_TRUE(client
                    ->Track("order", "order",
                            {{"order_id", absl::StrCat(kMarker, "-after")}})
                    .ok());
    ASSERT_TRUE(client->Close(absl::Seconds(10)).ok());
  }

  TestDir dir_;
  std::string data_;
  TestEnv env_;
};

TEST_F(LibraryOutputTest, TheRecoveryPathWritesNothingToStdoutOrStderr) {
  BufferOrders(20);
  CapturedOutput captured(dir_);
  RecoverFromAWrongKey(nullptr);
  captured.Stop();
  EXPECT_EQ(captured.err(), "");
  EXPECT_EQ(captured.out(), "");
}

TEST_F(LibraryOutputTest, TheHookHearsTheRecoveryButNeverAnEventsContents) {
  BufferOrders(20);
  Heard heard;
  CapturedOutput captured(dir_);
  RecoverFromAWrongKey(&heard);
  captured.Stop();
  EXPECT_EQ(captured.err(), "");
  // SQLCipher's failure, as the store saw it, and what the store did.
  EXPECT_TRUE(heard.Any(LogLevel::kDebug, "sqlcipher: cannot read"))
      << ::testing::PrintToString(heard.Texts());
  EXPECT_TRUE(heard.Any(LogLevel::kWarning,
                        "store: replaced events/order.db (undecryptable)"))
      << ::testing::PrintToString(heard.Texts());
  for (const Message& m : heard.messages) {
    EXPECT_THAT(m.text, ::testing::Not(HasSubstr(kMarker)));
    EXPECT_THAT(m.text, ::testing::Not(HasSubstr("\n")));
  }
}

TEST_F(LibraryOutputTest, TheHookHearsLedgerEntriesAndUploadFailures) {
  Heard heard;
  auto client = OpenOrDie(Options(&heard));
  ASSERT_NE(client, nullptr);
  ASSERT_TRUE(client->SetConsent("order", true).ok());
  ASSERT_TRUE(client->Track("order", "order", {{"order_id", kMarker}}).ok());
  ASSERT_TRUE(client->Flush(absl::Seconds(10)).ok());
  ASSERT_TRUE(
      client->SetEndpoints({{"https://collector.example/v1", "CN"}}).ok());
  // Two attempts: the collector is unavailable, then refuses the batch. The
  // client cannot tell who sent them; the outcome is all it needs.
  for (int status : {503, 400}) {
    absl::StatusOr<UploadTask> task = client->GetUploadTask();
    ASSERT_TRUE(task.ok()) << task.status();
    if (task->kind == UploadTask::Kind::kWait) {
      env_.clock.Advance(task->wait + absl::Seconds(1));
      task = client->GetUploadTask();
      ASSERT_TRUE(task.ok()) << task.status();
    }
    ASSERT_EQ(task->kind, UploadTask::Kind::kUpload);
    ASSERT_TRUE(task->request.control->BeginSend());
    UploadResponse response;
    response.http_status = status;
    response.body = kMarker;  // whatever the server says is not logged
    ASSERT_TRUE(
        client->ReportUploadResult(task->request.task_id, response).ok());
  }
  ASSERT_TRUE(client->SetConsent("order", false).ok());
  ASSERT_TRUE(client->Close(absl::Seconds(10)).ok());
  EXPECT_TRUE(heard.Any(LogLevel::kInfo,
                        "ledger: consent_granted source=user category=order"))
      << ::testing::PrintToString(heard.Texts());
  EXPECT_TRUE(
      heard.Any(LogLevel::kInfo, "ledger: purge source=user category=order"));
  EXPECT_TRUE(heard.Any(LogLevel::kWarning,
                        "https://collector.example/v1 failed (HTTP 503)"));
  EXPECT_TRUE(heard.Any(LogLevel::kError, "rejected a batch of 1 events"));
  for (const Message& m : heard.messages) {
    EXPECT_THAT(m.text, ::testing::Not(HasSubstr(kMarker)));
  }
}

TEST_F(LibraryOutputTest, TheLevelFiltersWhatTheHookHears) {
  BufferOrders(3);
  Heard heard;
  env_.keys.Put("telegate.category.order", std::string(32, 'k'));
  ClientOptions options = Options(&heard);
  options.log_level = LogLevel::kWarning;
  auto client = OpenOrDie(options);
  ASSERT_NE(client, nullptr);
  ASSERT_TRUE(client->Close(absl::Seconds(10)).ok());
  ASSERT_THAT(heard.messages, ::testing::Not(IsEmpty()));
  for (const Message& m : heard.messages) {
    EXPECT_GE(m.level, LogLevel::kWarning) << m.text;
  }
}

// A policy document with a string that is not UTF-8: protobuf refuses it
// and, by default, says so on stderr.
std::string PolicyWithBadUtf8() {
  std::string bytes;
  proto::Policy policy;
  policy.set_version_major(1);
  policy.add_categories()->set_name("bad-NAME");
  bytes = policy.SerializeAsString();
  size_t at = bytes.find("bad-NAME");
  bytes[at] = '\xff';
  return bytes;
}

TEST_F(LibraryOutputTest, ABadPolicyDocumentWritesNothingToStderr) {
  const std::string document = PolicyWithBadUtf8();
  Heard heard;
  CapturedOutput captured(dir_);
  for (Heard* hook : {static_cast<Heard*>(nullptr), &heard}) {
    ClientOptions options = Options(hook);
    options.policy_document = document;
    absl::StatusOr<std::unique_ptr<Client>> client = Client::Open(options);
    EXPECT_EQ(client.status().code(), absl::StatusCode::kInvalidArgument);
  }
  captured.Stop();
  EXPECT_EQ(captured.err(), "");
  EXPECT_EQ(captured.out(), "");
  EXPECT_TRUE(heard.Any(LogLevel::kError, "protobuf: String field"))
      << ::testing::PrintToString(heard.Texts());
}

TEST_F(LibraryOutputTest, TheHostsOwnProtobufLogIsLeftWhereItWas) {
  // Once a client has opened, protobuf's log goes through Telegate's
  // handler; the host's own parsing, on a thread not working for a client,
  // still reaches the handler that was there before (here the default,
  // stderr).
  Heard heard;
  auto client = OpenOrDie(Options(&heard));
  ASSERT_NE(client, nullptr);
  const std::string document = PolicyWithBadUtf8();
  CapturedOutput captured(dir_);
  proto::Policy parsed;
  EXPECT_FALSE(parsed.ParseFromString(document));
  captured.Stop();
  EXPECT_THAT(captured.err(), HasSubstr("invalid UTF-8"));
  EXPECT_FALSE(heard.Any(LogLevel::kError, "protobuf:"));
}

TEST_F(LibraryOutputTest, TwoClientsEachHearTheirOwn) {
  BufferOrders(2);
  TestDir other_dir;
  TestEnv other_env;
  Heard heard_damaged;
  Heard heard_healthy;
  env_.keys.Put("telegate.category.order", std::string(32, 'k'));
  auto damaged = OpenOrDie(Options(&heard_damaged));
  ClientOptions healthy_options = other_env.Options(other_dir.path());
  healthy_options.log = heard_healthy.Hook();
  healthy_options.log_level = LogLevel::kDebug;
  auto healthy = OpenOrDie(healthy_options);
  ASSERT_NE(damaged, nullptr);
  ASSERT_NE(healthy, nullptr);
  ASSERT_TRUE(healthy->SetConsent("log.search", true).ok());
  ASSERT_TRUE(damaged->Close(absl::Seconds(10)).ok());
  ASSERT_TRUE(healthy->Close(absl::Seconds(10)).ok());
  EXPECT_TRUE(heard_damaged.Any(LogLevel::kWarning, "store: replaced"));
  EXPECT_FALSE(heard_healthy.Any(LogLevel::kWarning, "store: replaced"));
  EXPECT_TRUE(heard_healthy.Any(LogLevel::kInfo, "category=log.search"));
  EXPECT_FALSE(heard_damaged.Any(LogLevel::kInfo, "category=log.search"));
}

}  // namespace
}  // namespace telegate
