#include "store/event_file.h"

#include <sqlite3.h>

#include "util/status_macros.h"

namespace telegate::store_internal {

namespace {
constexpr char kSchema[] =
    "CREATE TABLE IF NOT EXISTS events("
    "  seq INTEGER PRIMARY KEY,"
    "  capture_ms INTEGER NOT NULL,"
    "  payload BLOB NOT NULL)";
}  // namespace

absl::StatusOr<std::unique_ptr<EventFile>> EventFile::Open(
    const std::string& path, const SecretBytes& key, bool create,
    bool read_only) {
  OpenOptions options;
  options.create = create;
  options.read_only = read_only;
  options.cache_kib = 256;
  TELEGATE_ASSIGN_OR_RETURN(std::unique_ptr<SqlcipherDb> db,
                            SqlcipherDb::Open(path, key, options));
  if (!read_only) TELEGATE_RETURN_IF_ERROR(db->Exec(kSchema));
  std::unique_ptr<EventFile> file(new EventFile(std::move(db)));
  TELEGATE_ASSIGN_OR_RETURN(
      file->count_, file->db_->QueryInt64("SELECT count(*) FROM events"));
  return file;
}

absl::Status EventFile::Append(absl::Span<const EventRow> rows) {
  if (rows.empty()) return absl::OkStatus();
  if (!insert_.valid()) {
    TELEGATE_ASSIGN_OR_RETURN(
        insert_,
        db_->Prepare("INSERT INTO events(capture_ms, payload) VALUES(?, ?)"));
  }
  TELEGATE_RETURN_IF_ERROR(db_->Exec("BEGIN IMMEDIATE"));
  for (const EventRow& row : rows) {
    insert_.BindInt64(1, row.capture_ms);
    insert_.BindBlob(2, row.payload);
    absl::Status status = insert_.Run();
    insert_.Reset();
    if (!status.ok()) {
      db_->Exec("ROLLBACK").IgnoreError();
      return status;
    }
  }
  absl::Status status = db_->Exec("COMMIT");
  if (!status.ok()) {
    db_->Exec("ROLLBACK").IgnoreError();
    return status;
  }
  count_ += static_cast<int64_t>(rows.size());
  return absl::OkStatus();
}

absl::Status EventFile::ForEach(
    const std::function<bool(const EventRow&)>& fn) {
  TELEGATE_ASSIGN_OR_RETURN(
      Statement stmt,
      db_->Prepare("SELECT seq, capture_ms, payload FROM events ORDER BY seq"));
  for (;;) {
    TELEGATE_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
    if (!has_row) return absl::OkStatus();
    EventRow row;
    row.seq = stmt.ColumnInt64(0);
    row.capture_ms = stmt.ColumnInt64(1);
    row.payload = stmt.ColumnBlob(2);
    if (!fn(row)) return absl::OkStatus();
  }
}

// --- Upload (sdk/src/upload/) ---

absl::StatusOr<std::vector<StoredEvent>> EventFile::ReadOldest(
    size_t max_events, size_t max_bytes) {
  std::vector<StoredEvent> events;
  if (max_events == 0) return events;
  TELEGATE_ASSIGN_OR_RETURN(
      Statement stmt,
      db_->Prepare("SELECT seq, capture_ms, payload FROM events ORDER BY seq"
                   " LIMIT ?"));
  stmt.BindInt64(1, static_cast<int64_t>(max_events));
  size_t bytes = 0;
  for (;;) {
    TELEGATE_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
    if (!has_row) break;
    absl::string_view payload = stmt.ColumnBlob(2);
    if (!events.empty() && bytes + payload.size() > max_bytes) break;
    bytes += payload.size();
    StoredEvent e;
    e.seq = stmt.ColumnInt64(0);
    e.capture_ms = stmt.ColumnInt64(1);
    e.payload = std::string(payload);
    events.push_back(std::move(e));
  }
  return events;
}

absl::Status EventFile::Delete(absl::Span<const int64_t> seqs) {
  if (seqs.empty()) return absl::OkStatus();
  TELEGATE_ASSIGN_OR_RETURN(Statement stmt,
                            db_->Prepare("DELETE FROM events WHERE seq = ?"));
  TELEGATE_RETURN_IF_ERROR(db_->Exec("BEGIN IMMEDIATE"));
  int64_t deleted = 0;
  for (int64_t seq : seqs) {
    stmt.BindInt64(1, seq);
    absl::Status status = stmt.Run();
    stmt.Reset();
    if (!status.ok()) {
      db_->Exec("ROLLBACK").IgnoreError();
      return status;
    }
    deleted += sqlite3_changes(db_->raw());
  }
  absl::Status status = db_->Exec("COMMIT");
  if (!status.ok()) {
    db_->Exec("ROLLBACK").IgnoreError();
    return status;
  }
  count_ -= deleted;
  return absl::OkStatus();
}

}  // namespace telegate::store_internal
