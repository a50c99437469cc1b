#include "util/secure_memory.h"

#include <sys/mman.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <mutex>

#if defined(__SANITIZE_ADDRESS__)
#define TELEGATE_SECURE_MEMORY_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TELEGATE_SECURE_MEMORY_ASAN 1
#endif
#endif

namespace telegate::util_internal {

void SecureWipe(void* p, size_t size) {
  if (p == nullptr || size == 0) return;
  // The library's fast memset; the empty asm that takes the pointer and
  // clobbers memory makes the stores observable, so they are never dropped
  // as dead (explicit_bzero's technique; OPENSSL_cleanse writes a byte at a
  // time and cost Track a fifth of its time).
  std::memset(p, 0, size);
  __asm__ __volatile__("" : : "r"(p) : "memory");
}

void WipeStdString(std::string* s) {
  s->resize(s->capacity());  // within the buffer: no reallocation
  SecureWipe(&(*s)[0], s->size());
  s->clear();
}

namespace {

std::atomic<uint64_t> g_mapped{0};
std::atomic<uint64_t> g_locked{0};
std::atomic<bool> g_dump_excluded{false};

// A private mapping kept out of core dumps and locked where allowed. Sets
// `*locked` to whether mlock succeeded.
void* MapSecure(size_t bytes, bool* locked) {
  void* p = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) return nullptr;
#ifdef MADV_DONTDUMP
  if (::madvise(p, bytes, MADV_DONTDUMP) == 0) {
    g_dump_excluded.store(true, std::memory_order_relaxed);
  }
#endif
  // RLIMIT_MEMLOCK (or no privilege) may refuse: the memory is still
  // wiped and out of dumps, only swappable.
  *locked = ::mlock(p, bytes) == 0;
  g_mapped.fetch_add(bytes, std::memory_order_relaxed);
  if (*locked) g_locked.fetch_add(bytes, std::memory_order_relaxed);
  return p;
}

void UnmapSecure(void* p, size_t bytes, bool locked) {
  SecureWipe(p, bytes);
  if (locked) {
    ::munlock(p, bytes);
    g_locked.fetch_sub(bytes, std::memory_order_relaxed);
  }
  ::munmap(p, bytes);
  g_mapped.fetch_sub(bytes, std::memory_order_relaxed);
}

size_t PageSize() {
  static const size_t page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  return page;
}

// --- Large blocks: a mapping each, with a header saying if it is locked.

constexpr size_t kLargeHeader = 64;  // keeps the block 64-byte aligned

size_t LargeMapping(size_t size) {
  const size_t page = PageSize();
  return (size + kLargeHeader + page - 1) / page * page;
}

void* AllocateLarge(size_t size) {
  bool locked = false;
  void* p = MapSecure(LargeMapping(size), &locked);
  if (p == nullptr) return nullptr;
  *static_cast<bool*>(p) = locked;
  return static_cast<char*>(p) + kLargeHeader;
}

void FreeLarge(void* block, size_t size) {
  void* p = static_cast<char*>(block) - kLargeHeader;
  UnmapSecure(p, LargeMapping(size), *static_cast<bool*>(p));
}

// --- Small blocks: size classes 32, 48, 64, 96, ..., 6144, 8192.

constexpr size_t kClasses = 17;
constexpr size_t kMaxSmall = 8192;
constexpr size_t kChunkBytes = 256u << 10;
constexpr size_t kCacheSlots = 16;

constexpr size_t ClassSize(size_t c) {
  return c % 2 == 0 ? size_t{32} << (c / 2) : size_t{48} << (c / 2);
}
static_assert(ClassSize(kClasses - 1) == kMaxSmall);

size_t ClassOf(size_t n) {
  if (n <= 32) return 0;
  // 2^(bits-1) <= n-1 < 2^bits: n fits 3 * 2^(bits-2), or else 2^bits.
  const size_t bits = 64 - static_cast<size_t>(__builtin_clzll(n - 1));
  if (n <= (size_t{3} << (bits - 2))) return 2 * (bits - 6) + 1;
  return 2 * (bits - 5);
}

// Blocks a thread keeps for itself (classes up to 1 KiB keep more).
constexpr size_t CacheCap(size_t c) {
  return ClassSize(c) <= 1024 ? kCacheSlots : 4;
}

struct FreeBlock {
  FreeBlock* next;
};

// The shared pool. Never destroyed (threads may return blocks during exit).
class Pool {
 public:
  static Pool& Get() {
    static Pool* pool = new Pool();
    return *pool;
  }

  // Moves up to `n` blocks of class `c` into `out`; returns how many (0
  // only when the OS has no memory to give).
  size_t Take(size_t c, void** out, size_t n) {
    std::lock_guard<std::mutex> lock(mu_);
    size_t got = 0;
    while (got < n && free_[c] != nullptr) {
      FreeBlock* b = free_[c];
      free_[c] = b->next;
      b->next = nullptr;
      out[got++] = b;
    }
    const size_t size = ClassSize(c);
    while (got < n) {
      if (static_cast<size_t>(end_ - next_) < size) {
        bool locked = false;
        void* chunk = MapSecure(kChunkBytes, &locked);
        if (chunk == nullptr) break;
        next_ = static_cast<char*>(chunk);
        end_ = next_ + kChunkBytes;
      }
      out[got++] = next_;
      next_ += size;
    }
    return got;
  }

  // Takes back `n` wiped blocks of class `c`.
  void Give(size_t c, void* const* blocks, size_t n) {
    std::lock_guard<std::mutex> lock(mu_);
    for (size_t i = 0; i < n; ++i) {
      FreeBlock* b = static_cast<FreeBlock*>(blocks[i]);
      b->next = free_[c];
      free_[c] = b;
    }
  }

 private:
  Pool() = default;

  std::mutex mu_;
  FreeBlock* free_[kClasses] = {};
  char* next_ = nullptr;  // the current chunk's unused part
  char* end_ = nullptr;
};

// A thread's own blocks. Trivially destructible, so it can still be reached
// (and bypassed) after the thread's exit handlers ran; CacheGuard hands its
// blocks back to the pool when the thread ends.
struct ThreadCache {
  enum State : uint8_t { kUnused, kActive, kRetired };
  State state;
  uint8_t count[kClasses];
  void* blocks[kClasses][kCacheSlots];
};
thread_local ThreadCache tls_cache;

struct CacheGuard {
  ~CacheGuard() {
    ThreadCache& cache = tls_cache;
    for (size_t c = 0; c < kClasses; ++c) {
      if (cache.count[c] > 0) {
        Pool::Get().Give(c, cache.blocks[c], cache.count[c]);
      }
      cache.count[c] = 0;
    }
    cache.state = ThreadCache::kRetired;
  }
  bool armed = false;
};
thread_local CacheGuard tls_guard;

// The thread's cache, or nullptr once the thread is ending.
ThreadCache* Cache() {
  ThreadCache* cache = &tls_cache;
  if (cache->state == ThreadCache::kActive) return cache;
  if (cache->state == ThreadCache::kRetired) return nullptr;
  tls_guard.armed = true;  // constructs the guard: its destructor will run
  cache->state = ThreadCache::kActive;
  return cache;
}

void* AllocateSmall(size_t size) {
  const size_t c = ClassOf(size);
  ThreadCache* cache = Cache();
  if (cache == nullptr) {
    void* p = nullptr;
    return Pool::Get().Take(c, &p, 1) == 1 ? p : nullptr;
  }
  if (cache->count[c] == 0) {
    cache->count[c] = static_cast<uint8_t>(
        Pool::Get().Take(c, cache->blocks[c], CacheCap(c) / 2));
    if (cache->count[c] == 0) return nullptr;
  }
  return cache->blocks[c][--cache->count[c]];
}

void FreeSmall(void* p, size_t size) {
  const size_t c = ClassOf(size);
  ThreadCache* cache = Cache();
  if (cache == nullptr) {
    Pool::Get().Give(c, &p, 1);
    return;
  }
  if (cache->count[c] == CacheCap(c)) {
    // Half goes back: a thread that only frees (the writer) keeps feeding
    // the pool, one that only allocates (Track's callers) takes from it.
    const size_t keep = CacheCap(c) / 2;
    Pool::Get().Give(c, cache->blocks[c] + keep, cache->count[c] - keep);
    cache->count[c] = static_cast<uint8_t>(keep);
  }
  cache->blocks[c][cache->count[c]++] = p;
}

}  // namespace

void* SecureAllocate(size_t size) {
  if (size == 0) size = 1;
#ifdef TELEGATE_SECURE_MEMORY_ASAN
  return ::operator new(size, std::nothrow);
#else
  return size > kMaxSmall ? AllocateLarge(size) : AllocateSmall(size);
#endif
}

void SecureDeallocate(void* p, size_t size) {
  if (p == nullptr) return;
  if (size == 0) size = 1;
#ifdef TELEGATE_SECURE_MEMORY_ASAN
  SecureWipe(p, size);
  ::operator delete(p);
#else
  if (size > kMaxSmall) {
    FreeLarge(p, size);  // wiped whole, then unmapped
  } else {
    SecureWipe(p, size);
    FreeSmall(p, size);
  }
#endif
}

SecureMemoryStats GetSecureMemoryStats() {
  SecureMemoryStats stats;
  stats.mapped_bytes = g_mapped.load(std::memory_order_relaxed);
  stats.locked_bytes = g_locked.load(std::memory_order_relaxed);
  stats.dump_excluded = g_dump_excluded.load(std::memory_order_relaxed);
  return stats;
}

}  // namespace telegate::util_internal
