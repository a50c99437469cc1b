#include "store/sqlite_memory.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "util/secure_memory.h"

namespace telegate::store_internal {

namespace {

// SQLite asks for a block's size (xSize): each block starts with it.
constexpr size_t kHeader = 16;  // keeps the block 16-byte aligned

void* Malloc(int size) {
  if (size <= 0) return nullptr;
  void* p = util_internal::SecureAllocate(static_cast<size_t>(size) + kHeader);
  if (p == nullptr) return nullptr;
  *static_cast<int64_t*>(p) = size;
  return static_cast<char*>(p) + kHeader;
}

int Size(void* block) {
  if (block == nullptr) return 0;
  return static_cast<int>(
      *reinterpret_cast<int64_t*>(static_cast<char*>(block) - kHeader));
}

void Free(void* block) {
  if (block == nullptr) return;
  util_internal::SecureDeallocate(static_cast<char*>(block) - kHeader,
                                  static_cast<size_t>(Size(block)) + kHeader);
}

void* Realloc(void* block, int size) {
  if (block == nullptr) return Malloc(size);
  if (size <= Size(block)) return block;
  void* bigger = Malloc(size);
  if (bigger == nullptr) return nullptr;
  std::memcpy(bigger, block, static_cast<size_t>(Size(block)));
  Free(block);  // wiped
  return bigger;
}

int Roundup(int size) { return (size + 7) & ~7; }
int Init(void*) { return SQLITE_OK; }
void Shutdown(void*) {}

const sqlite3_mem_methods kSecureMethods = {Malloc,  Free, Realloc,  Size,
                                            Roundup, Init, Shutdown, nullptr};

}  // namespace

bool UseSecureMemoryForSqlite() {
  // SQLITE_MISUSE once SQLite is initialised.
  static const bool installed =
      sqlite3_config(SQLITE_CONFIG_MALLOC, &kSecureMethods) == SQLITE_OK;
  return installed;
}

}  // namespace telegate::store_internal
