#include "collect/install_id.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "absl/strings/str_format.h"
#include "util/status_macros.h"

namespace telegate::collect_internal {

namespace {

// One row at most. Lives beside the events table; the store's own schema
// never looks at it.
constexpr char kSchema[] =
    "CREATE TABLE IF NOT EXISTS install_identity("
    "  only INTEGER PRIMARY KEY CHECK (only = 0),"
    "  install_id TEXT NOT NULL,"
    "  created_ms INTEGER NOT NULL)";

// A version-4 UUID from the OS's entropy.
absl::StatusOr<std::string> NewUuid() {
  unsigned char b[16];
  if (RAND_bytes(b, sizeof(b)) != 1) {
    return absl::UnavailableError("no entropy for an install id");
  }
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  return absl::StrFormat(
      "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
      b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11],
      b[12], b[13], b[14], b[15]);
}

}  // namespace

absl::StatusOr<std::string> GetOrCreateInstallId(store_internal::Store* store,
                                                 const std::string& category,
                                                 int64_t now_ms) {
  if (!store->is_open()) {
    return absl::FailedPreconditionError("the store is not open");
  }
  TELEGATE_ASSIGN_OR_RETURN(store_internal::EventFile * file,
                            store->Events(category, /*create=*/true));
  store_internal::SqlcipherDb* db = file->db();
  TELEGATE_RETURN_IF_ERROR(db->Exec(kSchema));
  {
    TELEGATE_ASSIGN_OR_RETURN(
        store_internal::Statement read,
        db->Prepare("SELECT install_id FROM install_identity WHERE only = 0"));
    TELEGATE_ASSIGN_OR_RETURN(bool found, read.Step());
    if (found) return std::string(read.ColumnText(0));
  }
  TELEGATE_ASSIGN_OR_RETURN(std::string id, NewUuid());
  TELEGATE_ASSIGN_OR_RETURN(
      store_internal::Statement insert,
      db->Prepare("INSERT INTO install_identity(only, install_id, created_ms)"
                  " VALUES(0, ?, ?)"));
  insert.BindText(1, id);
  insert.BindInt64(2, now_ms);
  TELEGATE_RETURN_IF_ERROR(insert.Run());
  return id;
}

absl::Status RetireInstallId(store_internal::Store* store,
                             const std::string& category) {
  TELEGATE_ASSIGN_OR_RETURN(std::optional<std::string> id,
                            FindInstallId(store, category));
  if (!id) return absl::OkStatus();
  if (!id->empty()) OPENSSL_cleanse(&(*id)[0], id->size());
  TELEGATE_ASSIGN_OR_RETURN(store_internal::EventFile * file,
                            store->Events(category, /*create=*/false));
  store_internal::SqlcipherDb* db = file->db();
  TELEGATE_RETURN_IF_ERROR(db->Exec("DELETE FROM install_identity"));
  return db->CheckpointTruncate();
}

absl::StatusOr<std::optional<std::string>> FindInstallId(
    store_internal::Store* store, const std::string& category) {
  if (!store->is_open()) return std::nullopt;
  TELEGATE_ASSIGN_OR_RETURN(store_internal::EventFile * file,
                            store->Events(category, /*create=*/false));
  if (file == nullptr) return std::nullopt;
  store_internal::SqlcipherDb* db = file->db();
  {
    TELEGATE_ASSIGN_OR_RETURN(
        store_internal::Statement table,
        db->Prepare("SELECT 1 FROM sqlite_master WHERE type = 'table'"
                    " AND name = 'install_identity'"));
    TELEGATE_ASSIGN_OR_RETURN(bool exists, table.Step());
    if (!exists) return std::nullopt;
  }
  TELEGATE_ASSIGN_OR_RETURN(
      store_internal::Statement read,
      db->Prepare("SELECT install_id FROM install_identity WHERE only = 0"));
  TELEGATE_ASSIGN_OR_RETURN(bool found, read.Step());
  if (!found) return std::nullopt;
  return std::optional<std::string>(std::string(read.ColumnText(0)));
}

}  // namespace telegate::collect_internal
