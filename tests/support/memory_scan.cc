#include "support/memory_scan.h"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace telegate::testing {

namespace {

constexpr char kLetters[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

unsigned char RandomLetter(std::mt19937_64& gen) {
  return static_cast<unsigned char>(kLetters[gen() % (sizeof(kLetters) - 1)]);
}

struct Mapping {
  uintptr_t begin = 0;
  uintptr_t end = 0;
  std::string name;
};

// Readable and writable mappings, from /proc/self/maps.
std::vector<Mapping> WritableMappings() {
  std::vector<Mapping> out;
  FILE* maps = std::fopen("/proc/self/maps", "re");
  if (maps == nullptr) return out;
  char line[4096];
  while (std::fgets(line, sizeof(line), maps) != nullptr) {
    std::vector<absl::string_view> fields =
        absl::StrSplit(absl::string_view(line), ' ', absl::SkipEmpty());
    if (fields.size() < 5) continue;
    absl::string_view perms = fields[1];
    if (perms.size() < 2 || perms[0] != 'r' || perms[1] != 'w') continue;
    Mapping m;
    unsigned long long begin = 0, end = 0;  // NOLINT(runtime/int)
    if (std::sscanf(line, "%llx-%llx", &begin, &end) != 2) continue;
    m.begin = static_cast<uintptr_t>(begin);
    m.end = static_cast<uintptr_t>(end);
    if (fields.size() >= 6) {
      absl::string_view name = fields[5];
      while (!name.empty() && (name.back() == '\n' || name.back() == ' ')) {
        name.remove_suffix(1);
      }
      m.name = std::string(name);
    }
    if (m.name == "[vvar]" || m.name == "[vsyscall]") continue;
    out.push_back(std::move(m));
  }
  std::fclose(maps);
  return out;
}

}  // namespace

HiddenMarkers::HiddenMarkers(int count) {
  std::random_device device;
  std::mt19937_64 gen((static_cast<uint64_t>(device()) << 32) ^ device());
  for (size_t j = 0; j < kSize; ++j) {
    pad_[j] = static_cast<unsigned char>(gen());
  }
  unsigned char prefix_masked[kPrefixSize];
  for (size_t j = 0; j < kPrefixSize; ++j) {
    prefix_masked[j] = RandomLetter(gen) ^ pad_[j];
  }
  masked_.resize(count);
  for (int i = 0; i < count; ++i) {
    masked_[i].resize(kSize);
    for (size_t j = 0; j < kSize; ++j) {
      masked_[i][j] =
          j < kPrefixSize
              ? prefix_masked[j]
              : static_cast<unsigned char>(RandomLetter(gen) ^ pad_[j]);
    }
  }
}

void HiddenMarkers::Reveal(int i, char* out) const {
  for (size_t j = 0; j < kSize; ++j) {
    out[j] = static_cast<char>(masked_[i][j] ^ pad_[j]);
  }
}

bool HiddenMarkers::Matches(const unsigned char* p, int i) const {
  const std::vector<unsigned char>& m = masked_[i];
  for (size_t j = 0; j < kSize; ++j) {
    if ((p[j] ^ pad_[j]) != m[j]) return false;
  }
  return true;
}

std::vector<int> HiddenMarkers::FindIn(absl::string_view bytes,
                                       std::vector<size_t>* offsets) const {
  std::vector<int> found;
  if (masked_.empty() || bytes.size() < kSize) return found;
  const unsigned char* data =
      reinterpret_cast<const unsigned char*>(bytes.data());
  const unsigned char* const last = data + bytes.size() - kSize;
  // Only the first letter is ever in the clear (a register): memchr finds
  // the candidates, the masked comparison decides.
  const int first = masked_[0][0] ^ pad_[0];
  const unsigned char* p = data;
  while (p <= last) {
    const void* hit = std::memchr(p, first, static_cast<size_t>(last - p) + 1);
    if (hit == nullptr) break;
    p = static_cast<const unsigned char*>(hit);
    bool prefix = true;
    for (size_t j = 1; j < kPrefixSize && prefix; ++j) {
      prefix = (p[j] ^ pad_[j]) == masked_[0][j];
    }
    if (prefix) {
      for (int i = 0; i < size(); ++i) {
        if (Matches(p, i)) {
          found.push_back(i);
          if (offsets != nullptr) offsets->push_back(p - data);
          break;
        }
      }
    }
    ++p;
  }
  return found;
}

RevealedMarker::RevealedMarker(const HiddenMarkers& markers, int i,
                               size_t padding)
    : size_(std::min(padding, kMaxPadding) + HiddenMarkers::kSize) {
  const size_t filler = size_ - HiddenMarkers::kSize;
  std::memset(bytes_, '.', filler);
  markers.Reveal(i, bytes_ + filler);
}

RevealedMarker::~RevealedMarker() { Wipe(); }

void RevealedMarker::Wipe() { OPENSSL_cleanse(bytes_, sizeof(bytes_)); }

std::string MemoryScan::Describe() const {
  std::string out = absl::StrCat(
      copies, " copies of ", markers_found, " distinct markers in ",
      bytes_scanned, " bytes scanned (", mappings_skipped, " mappings, ",
      bytes_skipped, " bytes skipped)");
  for (const std::string& w : where) absl::StrAppend(&out, "\n  at ", w);
  return out;
}

MemoryScan ScanProcessMemory(const HiddenMarkers& markers,
                             uint64_t max_mapping_bytes) {
  MemoryScan scan;
  constexpr size_t kChunk = 1 << 20;
  constexpr size_t kOverlap = HiddenMarkers::kSize - 1;
  // The read buffer is a private mapping: left out of the scan, wiped after.
  void* raw = ::mmap(nullptr, kChunk + kOverlap, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) return scan;
  char* buffer = static_cast<char*>(raw);
  const uintptr_t own_begin = reinterpret_cast<uintptr_t>(raw);
  const uintptr_t own_end = own_begin + kChunk + kOverlap;
  int fd = ::open("/proc/self/mem", O_RDONLY | O_CLOEXEC);
  std::vector<int> per_marker(markers.size());
  if (fd >= 0) {
    for (const Mapping& m : WritableMappings()) {
      const uint64_t length = m.end - m.begin;
      if (m.begin < own_end && own_begin < m.end) continue;
      if (length > max_mapping_bytes) {
        ++scan.mappings_skipped;
        scan.bytes_skipped += length;
        continue;
      }
      size_t carried = 0;  // the previous chunk's tail, for markers across
      for (uintptr_t at = m.begin; at < m.end;) {
        const size_t want = std::min<uintptr_t>(kChunk, m.end - at);
        ssize_t got =
            ::pread(fd, buffer + carried, want, static_cast<off_t>(at));
        if (got <= 0) {
          ++scan.mappings_skipped;
          scan.bytes_skipped += m.end - at;
          break;
        }
        scan.bytes_scanned += static_cast<uint64_t>(got);
        const size_t total = carried + static_cast<size_t>(got);
        std::vector<size_t> offsets;
        std::vector<int> found =
            markers.FindIn(absl::string_view(buffer, total), &offsets);
        for (size_t k = 0; k < found.size(); ++k) {
          ++scan.copies;
          if (per_marker[found[k]]++ == 0) ++scan.markers_found;
          if (scan.where.size() < 12) {
            std::string where =
                absl::StrCat(m.name.empty() ? "[anonymous]" : m.name, " (",
                             (m.end - m.begin) >> 10, " KiB) at 0x",
                             absl::Hex(at - carried + offsets[k]));
            if (std::getenv("TELEGATE_MEMORY_SCAN_CONTEXT") != nullptr) {
              // The bytes around the copy (the marker itself shown as #),
              // to tell which buffer it is.
              const size_t from = offsets[k] >= 400 ? offsets[k] - 400 : 0;
              const size_t to = std::min(total, offsets[k] + 88);
              absl::StrAppend(&where, "\n    ");
              // Every marker in the window is masked, not only this one.
              std::vector<size_t> near;
              markers.FindIn(absl::string_view(buffer + from, to - from),
                             &near);
              for (size_t b = from; b < to; ++b) {
                const unsigned char c = static_cast<unsigned char>(buffer[b]);
                bool masked = false;
                for (size_t n : near) {
                  masked |=
                      b >= from + n && b < from + n + HiddenMarkers::kSize;
                }
                if (masked) {
                  where.push_back('#');
                } else if (c >= 0x20 && c < 0x7f) {
                  where.push_back(static_cast<char>(c));
                } else {
                  absl::StrAppend(&where, "\\x", absl::Hex(c, absl::kZeroPad2));
                }
              }
            }
            scan.where.push_back(std::move(where));
          }
        }
        carried = std::min(kOverlap, total);
        std::memmove(buffer, buffer + total - carried, carried);
        at += static_cast<uintptr_t>(got);
      }
    }
    ::close(fd);
  }
  OPENSSL_cleanse(buffer, kChunk + kOverlap);
  ::munmap(raw, kChunk + kOverlap);
  return scan;
}

void WipeString(std::string* s) {
  if (!s->empty()) OPENSSL_cleanse(&(*s)[0], s->size());
}

}  // namespace telegate::testing
