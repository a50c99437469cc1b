// Secure memory: where the SDK keeps keys and the plaintext of events.
//
// Every block is overwritten before it is released, so freed memory never
// holds plaintext — including the blocks a growing string or vector leaves
// behind, which the standard allocator frees as they are. The blocks live in
// mappings of their own that are left out of core dumps (MADV_DONTDUMP,
// where the OS has it) and locked in memory where the OS allows (mlock; a
// failure, e.g. RLIMIT_MEMLOCK, is not an error: the memory is then only
// wiped and kept out of dumps).
//
// Small blocks (up to 8 KiB) come from size-class pools carved out of 256 KiB
// mappings, with a small cache per thread so that Track's path takes no lock;
// freed blocks go back to the pool, wiped, and the pool keeps its mappings
// (it grows to the peak the queue and the batches reach, never further).
// Larger blocks get a mapping each, wiped and unmapped when freed.
//
// Under AddressSanitizer the blocks come from operator new instead (wiped
// just the same), so that ASan keeps checking every access to them.
//
//   SecureString payload = EncodeEvent(fields, attributes);  // pooled
//   payload.append(more);   // the outgrown block is wiped, then released
//   // ~SecureString(): the bytes are wiped, inline ones included.
//
// Thread-safe.
#ifndef TELEGATE_UTIL_SECURE_MEMORY_H_
#define TELEGATE_UTIL_SECURE_MEMORY_H_

#include <cstddef>
#include <cstdint>
#include <limits>
#include <new>
#include <string>
#include <utility>

#include "absl/strings/string_view.h"

namespace telegate::util_internal {

// Overwrites `size` bytes at `p` in a way the compiler cannot drop.
void SecureWipe(void* p, size_t size);

// Overwrites the whole buffer of a std::string that held plaintext — every
// byte up to its capacity, inline ones included — and empties it. For the
// strings the SDK cannot allocate itself (protobuf's, those handed to the
// host).
void WipeStdString(std::string* s);

// A block of at least `size` bytes (`size` > 0) in secure memory; nullptr if
// the OS has no memory to give.
void* SecureAllocate(size_t size);
// Wipes and releases a block from SecureAllocate; `size` must be the size
// it was allocated with. Null is ignored.
void SecureDeallocate(void* p, size_t size);

// Statistics, for tests and benchmarks.
struct SecureMemoryStats {
  uint64_t mapped_bytes = 0;   // pool mappings and large blocks, now
  uint64_t locked_bytes = 0;   // of which mlock succeeded
  bool dump_excluded = false;  // MADV_DONTDUMP is applied on this OS
};
SecureMemoryStats GetSecureMemoryStats();

// A standard allocator over SecureAllocate: containers that hold plaintext
// (strings, vectors) wipe every block they release.
template <typename T>
class SecureAllocator {
 public:
  using value_type = T;
  using propagate_on_container_move_assignment = std::true_type;
  using is_always_equal = std::true_type;

  SecureAllocator() noexcept = default;
  template <typename U>
  SecureAllocator(const SecureAllocator<U>&) noexcept {}  // NOLINT

  T* allocate(size_t n) {
    if (n > std::numeric_limits<size_t>::max() / sizeof(T)) {
      throw std::bad_array_new_length();
    }
    void* p = SecureAllocate(n * sizeof(T));
    if (p == nullptr) throw std::bad_alloc();
    return static_cast<T*>(p);
  }
  void deallocate(T* p, size_t n) noexcept {
    SecureDeallocate(p, n * sizeof(T));
  }

  template <typename U>
  bool operator==(const SecureAllocator<U>&) const noexcept {
    return true;
  }
  template <typename U>
  bool operator!=(const SecureAllocator<U>&) const noexcept {
    return false;
  }
};

using SecureStringBase =
    std::basic_string<char, std::char_traits<char>, SecureAllocator<char>>;

// A string for plaintext: its heap blocks come from secure memory, and its
// destructor also wipes the bytes a short string keeps inline (in the string
// object itself, wherever that lives).
class SecureString : public SecureStringBase {
 public:
  using SecureStringBase::SecureStringBase;
  SecureString() = default;
  explicit SecureString(absl::string_view s)
      : SecureStringBase(s.data(), s.size()) {}
  SecureString(const SecureString&) = default;
  SecureString(SecureString&& other) noexcept
      : SecureStringBase(std::move(other)) {
    other.WipeInline();
  }
  SecureString& operator=(const SecureString&) = default;
  SecureString& operator=(SecureString&& other) noexcept {
    SecureStringBase::operator=(std::move(other));
    other.WipeInline();
    return *this;
  }
  ~SecureString() { WipeInline(); }

  friend bool operator==(const SecureString& a, absl::string_view b) {
    return absl::string_view(a) == b;
  }
  friend bool operator==(absl::string_view a, const SecureString& b) {
    return a == absl::string_view(b);
  }
  friend bool operator!=(const SecureString& a, absl::string_view b) {
    return !(a == b);
  }
  friend bool operator!=(absl::string_view a, const SecureString& b) {
    return !(a == b);
  }

  // Overwrites the whole buffer — past size() too, where a string that
  // shrank keeps its old bytes — and empties the string. The block is kept
  // for reuse (and wiped again when released).
  void Wipe() {
    const size_t used = size();
    resize(capacity());  // fills the tail; no reallocation
    SecureWipe(&(*this)[0], used);
    clear();
  }

 private:
  // A short string lives inline (up to 15 bytes in libstdc++, 22 in libc++):
  // no allocator call ever sees those bytes.
  void WipeInline() noexcept {
    if (capacity() <= kMaxInline) {
      SecureWipe(&(*this)[0], capacity());
    }
  }
  static constexpr size_t kMaxInline = 23;
};

}  // namespace telegate::util_internal

#endif  // TELEGATE_UTIL_SECURE_MEMORY_H_
