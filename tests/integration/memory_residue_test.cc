// The revocation barrier covers memory (SPEC guarantee 3): once a revoke, an
// OS revoke, DeleteAllData, Anonymize or Close returns, no plaintext of the
// events it affected is left anywhere in the process — heap, anonymous
// mappings, thread stacks, library data — whether freed or not.
//
// Each test tracks events carrying unique markers the test itself never
// holds in one piece (support/memory_scan.h), proves they are in memory
// before the call (the positive control: the page cache and the queue hold
// them), then scans every writable mapping of the process for them after
// the call returns.
//
// The upload test sends to a telegate-collector in a child process, so
// what the collector received is not in this process; what the kernel kept
// in socket buffers is not in any mapping of the process either.
//
// Every symbol is bound at load (LD_BIND_NOW=1; the binary restarts itself
// with it when run directly), as on Android: glibc's lazy-binding trampoline
// saves the whole vector register file on the stack of the thread it runs
// on, and the registers of the thread that called Track may still hold the
// last bytes the SDK copied for it (README: what the guarantee leaves out).
#include <unistd.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "support/client_fixture.h"
#include "support/collector_process.h"
#include "support/memory_scan.h"
#include "support/test_dir.h"
#include "telegate/desktop/curl_transport.h"
#include "telegate/telegate.h"
#include "telegate/upload_driver.h"

namespace telegate {
namespace {

// Restarts this binary with LD_BIND_NOW=1 unless it already has it.
const bool kBoundAtLoad = [] {
  if (std::getenv("LD_BIND_NOW") != nullptr) return true;
  std::string cmdline =
      ::telegate::testing::ReadFileOrEmpty("/proc/self/cmdline");
  std::vector<char*> argv;
  for (size_t at = 0; at < cmdline.size(); at = cmdline.find('\0', at) + 1) {
    argv.push_back(&cmdline[at]);
    if (cmdline.find('\0', at) == std::string::npos) break;
  }
  argv.push_back(nullptr);
  ::setenv("LD_BIND_NOW", "1", 1);
  ::execv("/proc/self/exe", argv.data());
  return false;  // could not restart: SetUp says so
}();

using ::telegate::testing::HiddenMarkers;
using ::telegate::testing::MemoryScan;
using ::telegate::testing::OpenOrDie;
using ::telegate::testing::RevealedMarker;
using ::telegate::testing::ScanProcessMemory;
using ::telegate::testing::TestDir;
using ::telegate::testing::TestEnv;
using ::telegate::testing::WipeString;

constexpr int kEvents = 50;

class MemoryResidueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(kBoundAtLoad) << "run with LD_BIND_NOW=1";
  }

  void Open(ClientOptions options) {
    // What is queued stays queued until a Flush, a revoke or Close: the
    // positive control never races a commit moving it.
    options.max_batch_delay = absl::Hours(1);
    client_ = OpenOrDie(options);
    ASSERT_NE(client_, nullptr);
  }
  void Open() { Open(env_.Options(dir_.path())); }

  // Tracks markers [from, to) as the value of `key`, each revealed only for
  // the duration of its Track call. The values vary in size (0 to 700 bytes
  // of filler before the marker), so buffers that grow by reallocation
  // leave their old blocks behind as they would in an app.
  void TrackMarkers(const std::string& category, const std::string& event,
                    const std::string& key, int from, int to,
                    std::vector<Attribute> extra = {}) {
    for (int i = from; i < to; ++i) {
      RevealedMarker marker(markers_, i, (i * 337) % 701);
      std::vector<Attribute> attributes = extra;
      attributes.emplace_back(key, marker.view());
      absl::Status status = client_->Track(category, event, attributes);
      ASSERT_TRUE(status.ok()) << status;
    }
  }

  // Every marker is in memory now (positive control).
  void ExpectAllMarkersInMemory() {
    MemoryScan scan = ScanProcessMemory(markers_);
    EXPECT_EQ(scan.markers_found, markers_.size()) << scan.Describe();
  }

  void ExpectNoMarkerInMemory(const char* after) {
    MemoryScan scan = ScanProcessMemory(markers_);
    EXPECT_EQ(scan.copies, 0) << "after " << after << ": " << scan.Describe();
  }

  TestDir dir_;
  TestEnv env_;
  HiddenMarkers markers_{kEvents};
  std::unique_ptr<Client> client_;
};

TEST_F(MemoryResidueTest, ARevokeLeavesNoPlaintextOfTheCategoryInMemory) {
  Open();
  ASSERT_TRUE(client_->SetConsent("log.search", true).ok());
  TrackMarkers("log.search", "search", "query", 0, kEvents / 2,
               {{"results", 3}});
  ASSERT_TRUE(client_->Flush(absl::Seconds(10)).ok());
  // The second half is still queued (or being committed) at the revoke.
  TrackMarkers("log.search", "search", "query", kEvents / 2, kEvents);
  ExpectAllMarkersInMemory();
  ASSERT_TRUE(client_->SetConsent("log.search", false).ok());
  ExpectNoMarkerInMemory("SetConsent(off)");
}

TEST_F(MemoryResidueTest, AnOsRevokeLeavesNoPlaintextOfTheCategoryInMemory) {
  env_.permissions.SetQuietly("BLUETOOTH_SCAN", true);
  Open();
  ASSERT_TRUE(client_->SetConsent("location.bluetooth", true).ok());
  TrackMarkers("location.bluetooth", "bluetooth_scan", "name", 0, kEvents,
               {{"rssi", -70}});
  ASSERT_TRUE(client_->Flush(absl::Seconds(10)).ok());
  ExpectAllMarkersInMemory();
  // The listener runs the purge before Set returns.
  env_.permissions.Set("BLUETOOTH_SCAN", false);
  ASSERT_FALSE(client_->GetCategoryStatus().empty());
  ExpectNoMarkerInMemory("the OS revoked BLUETOOTH_SCAN");
}

TEST_F(MemoryResidueTest, DeleteAllDataLeavesNoPlaintextInMemory) {
  Open();
  ASSERT_TRUE(client_->SetConsent("log.search", true).ok());
  ASSERT_TRUE(client_->SetConsent("order", true).ok());
  TrackMarkers("log.search", "search", "query", 0, kEvents / 2);
  TrackMarkers("order", "order", "status", kEvents / 2, kEvents,
               {{"amount_minor", 1999}});
  ASSERT_TRUE(client_->Flush(absl::Seconds(10)).ok());
  ExpectAllMarkersInMemory();
  ASSERT_TRUE(client_->DeleteAllData().ok());
  ExpectNoMarkerInMemory("DeleteAllData");
}

TEST_F(MemoryResidueTest, AnonymizeLeavesNoIdentifyingPlaintextInMemory) {
  Open();
  ASSERT_TRUE(client_->SetConsent("order", true).ok());
  // order_id is identifying: anonymization removes it, the rest stays.
  TrackMarkers("order", "order", "order_id", 0, kEvents,
               {{"amount_minor", 1999}, {"currency", "CNY"}});
  ASSERT_TRUE(client_->Flush(absl::Seconds(10)).ok());
  ExpectAllMarkersInMemory();
  ASSERT_TRUE(client_->Anonymize().ok());
  ExpectNoMarkerInMemory("Anonymize");
}

TEST_F(MemoryResidueTest, AnExportThenARevokeLeaveNoPlaintextInMemory) {
  Open();
  ASSERT_TRUE(client_->SetConsent("log.search", true).ok());
  TrackMarkers("log.search", "search", "query", 0, kEvents);
  for (ExportFormat format : {ExportFormat::kJson, ExportFormat::kProtobuf}) {
    absl::StatusOr<std::string> exported = client_->ExportUserData(format);
    ASSERT_TRUE(exported.ok()) << exported.status();
    // What the host received is the host's: this host wipes it.
    EXPECT_EQ(static_cast<int>(markers_.FindIn(*exported).size()), kEvents);
    WipeString(&*exported);
  }
  ExpectAllMarkersInMemory();
  ASSERT_TRUE(client_->SetConsent("log.search", false).ok());
  ExpectNoMarkerInMemory("ExportUserData, then SetConsent(off)");
}

TEST_F(MemoryResidueTest, CloseLeavesNoPlaintextInMemory) {
  Open();
  ASSERT_TRUE(client_->SetConsent("log.search", true).ok());
  TrackMarkers("log.search", "search", "query", 0, kEvents / 2);
  ASSERT_TRUE(client_->Flush(absl::Seconds(10)).ok());
  // Still queued at Close: committed by it.
  TrackMarkers("log.search", "search", "query", kEvents / 2, kEvents);
  ExpectAllMarkersInMemory();
  ASSERT_TRUE(client_->Close(absl::Seconds(10)).ok());
  ExpectNoMarkerInMemory("Close");
  client_.reset();
  ExpectNoMarkerInMemory("the client was destroyed");
}

#ifdef TELEGATE_COLLECTOR_BIN

// Sends through libcurl, counting the bodies that carry a marker in the
// clear (a small zstd frame stores an event's novel bytes as raw literals):
// the positive control that the transport's copies would be found.
class CountingTransport : public Transport {
 public:
  CountingTransport(Transport* inner, const HiddenMarkers* markers)
      : inner_(inner), markers_(markers) {}
  UploadResponse Send(const UploadRequest& request) override {
    if (!markers_->FindIn(request.body).empty()) ++bodies_with_markers_;
    return inner_->Send(request);
  }
  int bodies_with_markers() const { return bodies_with_markers_; }

 private:
  Transport* inner_;
  const HiddenMarkers* markers_;
  int bodies_with_markers_ = 0;
};

TEST_F(MemoryResidueTest, AnUploadThenARevokeLeaveNoPlaintextInMemory) {
  // In a child process (through the emulator in a cross build): what it
  // receives stays out of this process's memory.
  ::telegate::testing::CollectorProcess collector(
      TELEGATE_COLLECTOR_BIN, dir_.path(),
      {"--out", dir_.Sub("collected.jsonl")});
  const std::string url = collector.WaitForUrl();
  ASSERT_FALSE(url.empty());
  absl::StatusOr<std::unique_ptr<desktop::CurlTransport>> curl =
      desktop::CurlTransport::Create({});
  ASSERT_TRUE(curl.ok()) << curl.status();
  ClientOptions options = env_.Options(dir_.path());
  // One event per batch: its marker travels as raw zstd literals.
  options.upload.max_batch_events = 1;
  Open(options);
  ASSERT_TRUE(client_->SetEndpoints({{url, "CN"}}).ok());
  ASSERT_TRUE(client_->SetConsent("log.search", true).ok());
  TrackMarkers("log.search", "search", "query", 0, kEvents);
  ASSERT_TRUE(client_->Flush(absl::Seconds(10)).ok());
  ExpectAllMarkersInMemory();
  CountingTransport transport(curl->get(), &markers_);
  absl::StatusOr<UploadRunResult> run =
      RunUploads(*client_, transport, absl::Seconds(60));
  ASSERT_TRUE(run.ok()) << run.status();
  EXPECT_EQ(run->events_acknowledged, kEvents);
  EXPECT_GT(transport.bodies_with_markers(), 0);
  ASSERT_TRUE(client_->SetConsent("log.search", false).ok());
  ExpectNoMarkerInMemory("an upload, then SetConsent(off)");
}

#endif  // TELEGATE_COLLECTOR_BIN

}  // namespace
}  // namespace telegate
