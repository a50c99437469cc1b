#include "store/event_file.h"

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

}  // namespace telegate::store_internal
