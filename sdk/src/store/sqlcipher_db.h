// SqlcipherDb: one SQLCipher 4 connection opened with a raw 256-bit key, and
// Statement, a prepared statement on it.
//
// Open refuses anything but SQLCipher 4 (checked with PRAGMA cipher_version),
// detects a wrong key or foreign file (kDataLoss), and sets the pragmas every
// Telegate file uses: WAL, secure_delete, temp_store in memory. SQLite's
// memory is wiped as it is freed (store/sqlite_memory.h).
//
//   TELEGATE_ASSIGN_OR_RETURN(std::unique_ptr<SqlcipherDb> db,
//                             SqlcipherDb::Open(path, key, {}));
//   TELEGATE_RETURN_IF_ERROR(db->Exec("CREATE TABLE IF NOT EXISTS ..."));
#ifndef TELEGATE_STORE_SQLCIPHER_DB_H_
#define TELEGATE_STORE_SQLCIPHER_DB_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "telegate/secret_bytes.h"

struct sqlite3;
struct sqlite3_stmt;

namespace telegate::store_internal {

// Maps an SQLite result code to the most specific absl status code.
absl::Status SqliteError(int rc, absl::string_view what, sqlite3* db);

// A prepared statement. Thread-compatible; owned by its connection's thread.
class Statement {
 public:
  Statement() = default;
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // False for a default-constructed (not yet prepared) statement.
  bool valid() const { return stmt_ != nullptr; }

  // Parameters are 1-based. Blobs and text are copied (SQLITE_TRANSIENT).
  void BindInt64(int index, int64_t value);
  void BindBlob(int index, absl::string_view value);
  // Binds without copying: `value` must stay valid and unchanged until the
  // statement is reset (a hot path binds a buffer it owns).
  void BindBlobNoCopy(int index, absl::string_view value);
  void BindText(int index, absl::string_view value);
  void BindNull(int index);

  // Runs one step: true if a row is available, false when done.
  absl::StatusOr<bool> Step();
  // Steps until done; for statements that return no rows.
  absl::Status Run();
  // Resets for re-execution and clears bindings.
  void Reset();

  // Columns are 0-based and valid until the next Step or Reset.
  int64_t ColumnInt64(int column) const;
  double ColumnDouble(int column) const;
  absl::string_view ColumnBlob(int column) const;
  absl::string_view ColumnText(int column) const;
  bool ColumnIsNull(int column) const;

 private:
  friend class SqlcipherDb;
  Statement(sqlite3_stmt* stmt, sqlite3* db) : stmt_(stmt), db_(db) {}

  sqlite3_stmt* stmt_ = nullptr;
  sqlite3* db_ = nullptr;
};

struct OpenOptions {
  // Create the file if it does not exist.
  bool create = true;
  bool read_only = false;
  // PRAGMA synchronous: FULL for the consent database, NORMAL (durable
  // against a process crash) for event files.
  bool synchronous_full = false;
  // Page cache limit in KiB.
  int cache_kib = 512;
  // Wipe what SQLite frees (store/sqlite_memory.h; process-wide and for
  // good once on). false only leaves it as it is: for a benchmark measuring
  // SQLCipher as it ships, in a process where nothing turned it on yet.
  bool memory_security = true;
};

// Thread-compatible: one thread at a time (the writer thread, or a tool).
class SqlcipherDb {
 public:
  // Opens `path` keyed with the raw key (KeyStore::kKeySize bytes).
  // kFailedPrecondition if the linked library is not SQLCipher 4;
  // kDataLoss if the file cannot be decrypted with `key` (wrong key, corrupt
  // or foreign file); kNotFound if it does not exist and !options.create.
  static absl::StatusOr<std::unique_ptr<SqlcipherDb>> Open(
      const std::string& path, const SecretBytes& key,
      const OpenOptions& options);
  ~SqlcipherDb();
  SqlcipherDb(const SqlcipherDb&) = delete;
  SqlcipherDb& operator=(const SqlcipherDb&) = delete;

  // Runs one or more statements that return no rows.
  absl::Status Exec(absl::string_view sql);
  absl::StatusOr<Statement> Prepare(absl::string_view sql);
  // Runs a query returning one integer (e.g. "SELECT count(*) ...").
  absl::StatusOr<int64_t> QueryInt64(absl::string_view sql);
  // Runs a query returning one text value.
  absl::StatusOr<std::string> QueryText(absl::string_view sql);

  // PRAGMA wal_checkpoint(TRUNCATE): the WAL is folded back and emptied.
  absl::Status CheckpointTruncate();

  // Re-encrypts every page under `new_key` (PRAGMA rekey) in one
  // transaction: a crash leaves the file wholly under the old key or wholly
  // under the new one. The key is a raw KeyStore::kKeySize-byte key.
  absl::Status Rekey(const SecretBytes& new_key);

  // Closing the last connection normally checkpoints the WAL into the file.
  // A file about to be deleted skips that work (a revoke must not rewrite
  // pages it is about to throw away).
  void SkipCheckpointOnClose();

  // PRAGMA user_version (the schema version of a Telegate file).
  absl::StatusOr<int> UserVersion();

  // The problems PRAGMA integrity_check and PRAGMA cipher_integrity_check
  // report (every page's HMAC); empty when the file is sound. Checkpoints
  // the WAL first: cipher_integrity_check reads only the main file, whose
  // pages stay under the old key until a rekey's WAL frames are folded in.
  // Reads every page: for tests and tools, never on the hot path.
  absl::StatusOr<std::vector<std::string>> IntegrityProblems();

  // The SQLCipher library version string, e.g. "4.6.1 community".
  static std::string CipherVersion(sqlite3* db);

  sqlite3* raw() { return db_; }
  const std::string& path() const { return path_; }

 private:
  SqlcipherDb(sqlite3* db, std::string path)
      : db_(db), path_(std::move(path)) {}

  sqlite3* db_;
  std::string path_;
};

}  // namespace telegate::store_internal

#endif  // TELEGATE_STORE_SQLCIPHER_DB_H_
