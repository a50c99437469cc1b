// Memory forensics: look for plaintext in the process's own memory.
//
// HiddenMarkers are unique strings the test never holds in one piece: each
// is kept XOR-masked with a random pad, revealed only into a buffer the
// caller hands to the SDK and then wipes (RevealedMarker), and searched for
// by comparing memory with the masked bytes. So a copy found in memory is
// one the code under test made, not one the test keeps.
//
// ScanProcessMemory reads every readable and writable mapping of the process
// (/proc/self/maps, /proc/self/mem) — the heaps, anonymous mappings, thread
// stacks and the libraries' data — and counts the markers in it.
//
//   HiddenMarkers markers(50);
//   for (int i = 0; i < markers.size(); ++i) {
//     RevealedMarker m(markers, i);
//     client->Track("log.search", "search", {{"query", m.view()}});
//   }  // each revealed copy is wiped here
//   MemoryScan before = ScanProcessMemory(markers);   // positive control
//   client->SetConsent("log.search", false);
//   MemoryScan after = ScanProcessMemory(markers);
//   EXPECT_EQ(after.copies, 0) << after.Describe();
#ifndef TELEGATE_TESTS_SUPPORT_MEMORY_SCAN_H_
#define TELEGATE_TESTS_SUPPORT_MEMORY_SCAN_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace telegate::testing {

// Thread-compatible.
class HiddenMarkers {
 public:
  // Letters only, so any string attribute can carry one.
  static constexpr size_t kSize = 24;
  static constexpr size_t kPrefixSize = 8;

  // `count` markers sharing a random prefix of kPrefixSize letters (fresh
  // for every instance, so markers of earlier tests never match).
  explicit HiddenMarkers(int count);

  int size() const { return static_cast<int>(masked_.size()); }
  // Writes marker `i` into `out` (kSize bytes). The caller wipes it.
  void Reveal(int i, char* out) const;
  // The markers found in `bytes`, by index (a marker found twice appears
  // twice); with `offsets`, where each was found.
  std::vector<int> FindIn(absl::string_view bytes,
                          std::vector<size_t>* offsets = nullptr) const;

 private:
  // Compares `p` (kSize readable bytes) with marker `i` without revealing it.
  bool Matches(const unsigned char* p, int i) const;

  unsigned char pad_[kSize];
  std::vector<std::vector<unsigned char>> masked_;
};

// One marker revealed into a buffer of its own, after `padding` filler
// bytes ('.'), so that values of different sizes can carry markers; wiped
// when it goes out of scope (and by Wipe()).
class RevealedMarker {
 public:
  static constexpr size_t kMaxPadding = 1024;

  RevealedMarker(const HiddenMarkers& markers, int i, size_t padding = 0);
  ~RevealedMarker();
  RevealedMarker(const RevealedMarker&) = delete;
  RevealedMarker& operator=(const RevealedMarker&) = delete;
  absl::string_view view() const { return {bytes_, size_}; }
  void Wipe();

 private:
  char bytes_[kMaxPadding + HiddenMarkers::kSize];
  size_t size_;
};

struct MemoryScan {
  // Every copy of every marker found.
  int64_t copies = 0;
  // How many distinct markers were found at least once.
  int markers_found = 0;
  // "<mapping> at 0x<address>" of the first copies found.
  std::vector<std::string> where;
  uint64_t bytes_scanned = 0;
  // Mappings left out because they are larger than the bound (sanitizer
  // shadow memory) or could not be read.
  uint64_t bytes_skipped = 0;
  int mappings_skipped = 0;

  std::string Describe() const;
};

// Scans every readable, writable mapping of this process no larger than
// `max_mapping_bytes`. Its own read buffer (a private mapping, wiped after
// use) is left out.
MemoryScan ScanProcessMemory(const HiddenMarkers& markers,
                             uint64_t max_mapping_bytes = uint64_t{1} << 32);

// Overwrites `s` in place, in a way the compiler keeps.
void WipeString(std::string* s);

}  // namespace telegate::testing

#endif  // TELEGATE_TESTS_SUPPORT_MEMORY_SCAN_H_
