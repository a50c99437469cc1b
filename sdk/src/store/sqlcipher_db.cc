#include "store/sqlcipher_db.h"

#include <openssl/crypto.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <mutex>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "store/sqlite_memory.h"
#include "telegate/key_store.h"
#include "util/log.h"
#include "util/status_macros.h"

namespace telegate::store_internal {

absl::Status SqliteError(int rc, absl::string_view what, sqlite3* db) {
  std::string detail = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  std::string message = absl::StrCat(what, ": ", detail);
  switch (rc & 0xff) {
    case SQLITE_FULL:
      return absl::ResourceExhaustedError(message);
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return absl::DataLossError(message);
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return absl::FailedPreconditionError(message);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return absl::UnavailableError(message);
    case SQLITE_NOMEM:
      return absl::ResourceExhaustedError(message);
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_RANGE:
      return absl::InvalidArgumentError(message);
    case SQLITE_IOERR:
      return absl::UnavailableError(message);
    default:
      return absl::InternalError(message);
  }
}

Statement::Statement(Statement&& other) noexcept
    : stmt_(std::exchange(other.stmt_, nullptr)),
      db_(std::exchange(other.db_, nullptr)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    if (stmt_) sqlite3_finalize(stmt_);
    stmt_ = std::exchange(other.stmt_, nullptr);
    db_ = std::exchange(other.db_, nullptr);
  }
  return *this;
}

Statement::~Statement() {
  if (stmt_) sqlite3_finalize(stmt_);
}

void Statement::BindInt64(int index, int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
}

void Statement::BindBlob(int index, absl::string_view value) {
  // A zero-length blob is still a blob (not NULL): give SQLite a valid pointer.
  static const char kEmpty = 0;
  sqlite3_bind_blob64(stmt_, index, value.empty() ? &kEmpty : value.data(),
                      value.size(), SQLITE_TRANSIENT);
}

void Statement::BindBlobNoCopy(int index, absl::string_view value) {
  static const char kEmpty = 0;
  sqlite3_bind_blob64(stmt_, index, value.empty() ? &kEmpty : value.data(),
                      value.size(), SQLITE_STATIC);
}

void Statement::BindText(int index, absl::string_view value) {
  sqlite3_bind_text64(stmt_, index, value.data(), value.size(),
                      SQLITE_TRANSIENT, SQLITE_UTF8);
}

void Statement::BindNull(int index) { sqlite3_bind_null(stmt_, index); }

absl::StatusOr<bool> Statement::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return SqliteError(rc, "step", db_);
}

absl::Status Statement::Run() {
  for (;;) {
    TELEGATE_ASSIGN_OR_RETURN(bool row, Step());
    if (!row) return absl::OkStatus();
  }
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

int64_t Statement::ColumnInt64(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

double Statement::ColumnDouble(int column) const {
  return sqlite3_column_double(stmt_, column);
}

absl::string_view Statement::ColumnBlob(int column) const {
  const void* data = sqlite3_column_blob(stmt_, column);
  int size = sqlite3_column_bytes(stmt_, column);
  if (data == nullptr) return {};
  return absl::string_view(static_cast<const char*>(data), size);
}

absl::string_view Statement::ColumnText(int column) const {
  const unsigned char* data = sqlite3_column_text(stmt_, column);
  int size = sqlite3_column_bytes(stmt_, column);
  if (data == nullptr) return {};
  return absl::string_view(reinterpret_cast<const char*>(data), size);
}

bool Statement::ColumnIsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

namespace {

// Keys (or re-keys) a connection with a raw key: "x'<64 hex digits>'"
// bypasses the passphrase KDF. The literal is wiped before returning.
int ApplyKey(sqlite3* db, const SecretBytes& key, bool rekey) {
  static const char kHex[] = "0123456789abcdef";
  char literal[3 + 2 * KeyStore::kKeySize + 1];
  literal[0] = 'x';
  literal[1] = '\'';
  for (size_t i = 0; i < key.size(); ++i) {
    literal[2 + 2 * i] = kHex[key.data()[i] >> 4];
    literal[3 + 2 * i] = kHex[key.data()[i] & 0xf];
  }
  literal[2 + 2 * key.size()] = '\'';
  literal[sizeof(literal) - 1] = '\0';
  const int length = static_cast<int>(sizeof(literal) - 1);
  int rc = rekey ? sqlite3_rekey(db, literal, length)
                 : sqlite3_key(db, literal, length);
  OPENSSL_cleanse(literal, sizeof(literal));
  return rc;
}

// SQLCipher logs to stderr unless told otherwise (4.6: WARN and above once
// it is activated, e.g. "ERROR CORE sqlcipher_page_cipher: hmac check
// failed" on every failed decrypt). Its log settings are process-wide and
// 4.6.1 has no callback (stdout, stderr, a file, the device log or off), so
// the first keyed connection of the process turns it off; the store
// reports the same failures itself through the host's hook. Keying a
// connection activates SQLCipher, which installs its default target then,
// so this must come after the first key. Once per process: a host that
// wants SQLCipher's own log for its connections can turn it back on after
// opening its first client.
void SilenceSqlcipherLog(sqlite3* db) {
  static std::once_flag once;
  std::call_once(once, [db] {
    sqlite3_exec(db, "PRAGMA cipher_log_level = NONE; PRAGMA cipher_log = off",
                 nullptr, nullptr, nullptr);
  });
}

}  // namespace

std::string SqlcipherDb::CipherVersion(sqlite3* db) {
  std::string version;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "PRAGMA cipher_version", -1, &stmt, nullptr) ==
      SQLITE_OK) {
    if (sqlite3_step(stmt) == SQLITE_ROW) {
      const unsigned char* text = sqlite3_column_text(stmt, 0);
      if (text) version = reinterpret_cast<const char*>(text);
    }
  }
  sqlite3_finalize(stmt);
  return version;
}

absl::StatusOr<std::unique_ptr<SqlcipherDb>> SqlcipherDb::Open(
    const std::string& path, const SecretBytes& key,
    const OpenOptions& options) {
  if (key.size() != KeyStore::kKeySize) {
    return absl::FailedPreconditionError(
        absl::StrCat("database key must be ", KeyStore::kKeySize, " bytes"));
  }
  // Never through a symbolic link (one planted in the data directory would
  // take the database elsewhere). SQLite refuses a link anywhere in the
  // path, so the store opens files below its resolved directory
  // (Store::ResolveDataDir).
  int flags =
      SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_PRIVATECACHE | SQLITE_OPEN_NOFOLLOW;
  if (options.read_only) {
    flags |= SQLITE_OPEN_READONLY;
  } else {
    flags |= SQLITE_OPEN_READWRITE;
    if (options.create) flags |= SQLITE_OPEN_CREATE;
  }
  // Before SQLite initialises (at its first open in the process).
  const bool secure_allocator =
      options.memory_security && UseSecureMemoryForSqlite();
  struct stat st;
  const bool existed = ::lstat(path.c_str(), &st) == 0;
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  if (rc != SQLITE_OK) {
    absl::Status status = SqliteError(rc, absl::StrCat("open ", path), raw);
    sqlite3_close_v2(raw);
    if ((rc & 0xff) == SQLITE_CANTOPEN && !options.create) {
      return absl::NotFoundError(status.message());
    }
    return status;
  }
  std::unique_ptr<SqlcipherDb> db(new SqlcipherDb(raw, path));
  // Private to the app whatever the umask (the WAL and shared-memory files
  // take the database file's mode).
  if (!existed && !options.read_only) ::chmod(path.c_str(), 0600);

  rc = ApplyKey(raw, key, /*rekey=*/false);
  SilenceSqlcipherLog(raw);
  if (rc != SQLITE_OK) return SqliteError(rc, "sqlite3_key", raw);

  std::string version = CipherVersion(raw);
  if (!absl::StartsWith(version, "4.")) {
    return absl::FailedPreconditionError(absl::StrCat(
        "SQLCipher 4 is required; the linked library reports cipher_version \"",
        version, "\""));
  }
  // First read: fails with SQLITE_NOTADB on a wrong key or foreign file.
  rc = sqlite3_exec(raw, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr,
                    nullptr);
  if (rc != SQLITE_OK) {
    // What SQLCipher would have printed: its error, through the hook.
    util_internal::Log(LogLevel::kDebug, "sqlcipher: cannot read ", path, ": ",
                       sqlite3_errmsg(raw), " (SQLite code ", rc, ")");
    if ((rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT) {
      return absl::DataLossError(
          absl::StrCat("cannot decrypt ", path,
                       ": wrong key, corrupt file or not a Telegate database"));
    }
    return SqliteError(rc, absl::StrCat("read ", path), raw);
  }
  // Every block SQLite frees (page cache, statements) is overwritten first,
  // so a closed connection leaves no decrypted page behind: secure memory
  // (sqlite_memory.h), or, if SQLite was initialised before it could be
  // installed, SQLCipher's memory security (process-wide, sticky, and slow:
  // mlock and munlock around every allocation).
  if (options.memory_security && !secure_allocator) {
    TELEGATE_RETURN_IF_ERROR(db->Exec("PRAGMA cipher_memory_security = ON"));
  }
  TELEGATE_RETURN_IF_ERROR(
      db->Exec(absl::StrCat("PRAGMA secure_delete = ON;"
                            "PRAGMA temp_store = MEMORY;"
                            "PRAGMA cache_size = -",
                            options.cache_kib, ";")));
  if (!options.read_only) {
    TELEGATE_ASSIGN_OR_RETURN(std::string mode,
                              db->QueryText("PRAGMA journal_mode = WAL"));
    if (mode != "wal") {
      return absl::FailedPreconditionError(
          absl::StrCat("cannot enable WAL on ", path, " (got ", mode, ")"));
    }
    TELEGATE_RETURN_IF_ERROR(db->Exec(options.synchronous_full
                                          ? "PRAGMA synchronous = FULL"
                                          : "PRAGMA synchronous = NORMAL"));
  }
  return db;
}

SqlcipherDb::~SqlcipherDb() { sqlite3_close_v2(db_); }

absl::Status SqlcipherDb::Exec(absl::string_view sql) {
  std::string text(sql);
  char* error = nullptr;
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
  if (error) sqlite3_free(error);
  if (rc != SQLITE_OK) return SqliteError(rc, "exec", db_);
  return absl::OkStatus();
}

absl::StatusOr<Statement> SqlcipherDb::Prepare(absl::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()),
                              &stmt, nullptr);
  if (rc != SQLITE_OK) {
    return SqliteError(rc, absl::StrCat("prepare \"", sql, "\""), db_);
  }
  return Statement(stmt, db_);
}

absl::StatusOr<int64_t> SqlcipherDb::QueryInt64(absl::string_view sql) {
  TELEGATE_ASSIGN_OR_RETURN(Statement stmt, Prepare(sql));
  TELEGATE_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return absl::NotFoundError(absl::StrCat("no row: ", sql));
  return stmt.ColumnInt64(0);
}

absl::StatusOr<std::string> SqlcipherDb::QueryText(absl::string_view sql) {
  TELEGATE_ASSIGN_OR_RETURN(Statement stmt, Prepare(sql));
  TELEGATE_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return absl::NotFoundError(absl::StrCat("no row: ", sql));
  return std::string(stmt.ColumnText(0));
}

absl::Status SqlcipherDb::CheckpointTruncate() {
  int busy = 0, log = 0, done = 0;
  int rc = sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_TRUNCATE,
                                     &log, &done);
  (void)busy;
  if (rc != SQLITE_OK) return SqliteError(rc, "wal_checkpoint", db_);
  return absl::OkStatus();
}

absl::Status SqlcipherDb::Rekey(const SecretBytes& new_key) {
  if (new_key.size() != KeyStore::kKeySize) {
    return absl::FailedPreconditionError(
        absl::StrCat("database key must be ", KeyStore::kKeySize, " bytes"));
  }
  int rc = ApplyKey(db_, new_key, /*rekey=*/true);
  if (rc != SQLITE_OK) return SqliteError(rc, "rekey", db_);
  return absl::OkStatus();
}

void SqlcipherDb::SkipCheckpointOnClose() {
  sqlite3_db_config(db_, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
}

absl::StatusOr<int> SqlcipherDb::UserVersion() {
  TELEGATE_ASSIGN_OR_RETURN(int64_t version, QueryInt64("PRAGMA user_version"));
  return static_cast<int>(version);
}

absl::StatusOr<std::vector<std::string>> SqlcipherDb::IntegrityProblems() {
  TELEGATE_RETURN_IF_ERROR(CheckpointTruncate());
  std::vector<std::string> problems;
  {
    TELEGATE_ASSIGN_OR_RETURN(Statement stmt,
                              Prepare("PRAGMA integrity_check"));
    for (;;) {
      TELEGATE_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      std::string line(stmt.ColumnText(0));
      if (line != "ok") problems.push_back(std::move(line));
    }
  }
  TELEGATE_ASSIGN_OR_RETURN(Statement stmt,
                            Prepare("PRAGMA cipher_integrity_check"));
  for (;;) {
    TELEGATE_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    problems.push_back(absl::StrCat("cipher: ", stmt.ColumnText(0)));
  }
  return problems;
}

}  // namespace telegate::store_internal
