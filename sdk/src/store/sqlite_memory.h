// SQLite's memory in secure memory: the page cache, statements and every
// other block SQLite (SQLCipher) allocates come from util/secure_memory.h —
// wiped when freed, kept out of core dumps, locked where the OS allows.
//
// SQLCipher's own answer, PRAGMA cipher_memory_security, calls mlock and
// munlock around every allocation (Debian builds SQLite without lookaside,
// so a row insert makes several): it cost the raw insert 90% of its
// throughput here. An allocator of our own does the wiping without a system
// call per block; it can only be installed before SQLite initialises, so
// the first database the SDK opens installs it, and if SQLite was already
// initialised (a host used it first) SqlcipherDb falls back on SQLCipher's
// memory security.
//
//   if (!UseSecureMemoryForSqlite()) { /* PRAGMA cipher_memory_security */ }
#ifndef TELEGATE_STORE_SQLITE_MEMORY_H_
#define TELEGATE_STORE_SQLITE_MEMORY_H_

namespace telegate::store_internal {

// Installs the allocator on the first call, before SQLite initialises.
// True if SQLite allocates from secure memory (now or since an earlier
// call); false if SQLite was initialised before it could be installed.
// Process-wide, like every sqlite3_config setting: a host sharing the same
// SQLite library shares it too. Thread-safe among its callers; must not race
// the host's first use of SQLite.
bool UseSecureMemoryForSqlite();

}  // namespace telegate::store_internal

#endif  // TELEGATE_STORE_SQLITE_MEMORY_H_
