#include "store/event_file.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "store/schema.h"
#include "util/status_macros.h"

namespace telegate::store_internal {

namespace {

// Version 1: the foundation's layout, kept verbatim: migrations start here.
constexpr char kSchemaV1[] =
    "CREATE TABLE events("
    "  seq INTEGER PRIMARY KEY,"
    "  capture_ms INTEGER NOT NULL,"
    "  payload BLOB NOT NULL)";

// Version 2: compact records; counters kept in the file, with a lower bound
// on the capture times held (retention scans only when the bound says an
// event may have expired: cheaper than an index on capture_ms, which cost a
// third of the insert time).
constexpr char kSchemaV2[] =
    "CREATE TABLE events_v2("
    "  seq INTEGER PRIMARY KEY,"
    "  capture_ms INTEGER NOT NULL,"
    "  record BLOB NOT NULL);"
    "CREATE TABLE names(id INTEGER PRIMARY KEY, name TEXT NOT NULL);"
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID;"
    "CREATE TABLE counters("
    "  only INTEGER PRIMARY KEY CHECK (only = 0),"
    "  row_count INTEGER NOT NULL,"
    "  byte_count INTEGER NOT NULL,"
    "  next_seq INTEGER NOT NULL,"
    "  min_capture_ms INTEGER)";

absl::Status CreateV1(SqlcipherDb* db) { return db->Exec(kSchemaV1); }

// Re-encodes every version-1 row as a record, keeping its seq.
absl::Status MigrateV1ToV2(SqlcipherDb* db, const std::string& category) {
  TELEGATE_RETURN_IF_ERROR(db->Exec(kSchemaV2));
  NameTable names;
  int64_t rows = 0, bytes = 0, max_seq = 0;
  std::optional<int64_t> min_capture;
  {
    TELEGATE_ASSIGN_OR_RETURN(
        Statement read,
        db->Prepare(
            "SELECT seq, capture_ms, payload FROM events ORDER BY seq"));
    TELEGATE_ASSIGN_OR_RETURN(
        Statement write,
        db->Prepare("INSERT INTO events_v2(seq, capture_ms, record)"
                    " VALUES(?, ?, ?)"));
    util_internal::SecureString record, scratch;
    for (;;) {
      TELEGATE_ASSIGN_OR_RETURN(bool has_row, read.Step());
      if (!has_row) break;
      const int64_t seq = read.ColumnInt64(0);
      const int64_t capture_ms = read.ColumnInt64(1);
      EncodeRecord(read.ColumnBlob(2), capture_ms, category, &names, &record,
                   &scratch);
      write.BindInt64(1, seq);
      write.BindInt64(2, capture_ms);
      write.BindBlob(3, record);
      TELEGATE_RETURN_IF_ERROR(write.Run());
      write.Reset();
      ++rows;
      bytes += static_cast<int64_t>(record.size());
      max_seq = std::max(max_seq, seq);
      if (!min_capture || capture_ms < *min_capture) min_capture = capture_ms;
    }
  }
  {
    TELEGATE_ASSIGN_OR_RETURN(
        Statement insert,
        db->Prepare("INSERT INTO names(id, name) VALUES(?, ?)"));
    for (uint32_t id = 1; id < names.next_id(); ++id) {
      const std::string* name = names.Get(id);
      if (name == nullptr) continue;
      insert.BindInt64(1, id);
      insert.BindText(2, *name);
      TELEGATE_RETURN_IF_ERROR(insert.Run());
      insert.Reset();
    }
  }
  TELEGATE_RETURN_IF_ERROR(
      db->Exec("DROP TABLE events;"
               "ALTER TABLE events_v2 RENAME TO events"));
  TELEGATE_ASSIGN_OR_RETURN(
      Statement meta,
      db->Prepare("INSERT INTO meta(key, value) VALUES('category', ?)"));
  meta.BindText(1, category);
  TELEGATE_RETURN_IF_ERROR(meta.Run());
  TELEGATE_ASSIGN_OR_RETURN(
      Statement counters,
      db->Prepare("INSERT INTO counters(only, row_count, byte_count, next_seq,"
                  " min_capture_ms) VALUES(0, ?, ?, ?, ?)"));
  counters.BindInt64(1, rows);
  counters.BindInt64(2, bytes);
  counters.BindInt64(3, max_seq + 1);
  if (min_capture) {
    counters.BindInt64(4, *min_capture);
  } else {
    counters.BindNull(4);
  }
  return counters.Run();
}

absl::StatusOr<int> LegacyVersion(SqlcipherDb* db) {
  TELEGATE_ASSIGN_OR_RETURN(bool has_events, HasTable(db, "events"));
  return has_events ? 1 : 0;
}

void Wipe(util_internal::SecureString* s) { s->Wipe(); }

}  // namespace

absl::StatusOr<std::unique_ptr<EventFile>> EventFile::Open(
    const std::string& path, const SecretBytes& key, absl::string_view category,
    bool create, bool read_only) {
  OpenOptions options;
  options.create = create && !read_only;
  options.read_only = read_only;
  options.cache_kib = 256;
  TELEGATE_ASSIGN_OR_RETURN(std::unique_ptr<SqlcipherDb> db,
                            SqlcipherDb::Open(path, key, options));
  std::unique_ptr<EventFile> file(
      new EventFile(std::move(db), std::string(category)));
  if (read_only) {
    TELEGATE_ASSIGN_OR_RETURN(
        file->version_,
        FileVersion(file->db(), kSchemaVersion, &LegacyVersion));
  } else {
    const std::string name(category);
    const MigrationStep steps[] = {
        &CreateV1,
        [name](SqlcipherDb* db) { return MigrateV1ToV2(db, name); },
    };
    static_assert(sizeof(steps) / sizeof(steps[0]) == kSchemaVersion);
    TELEGATE_ASSIGN_OR_RETURN(int from,
                              Migrate(file->db(), steps, &LegacyVersion));
    if (from > 0 && from < kSchemaVersion) {
      // The old layout's pages are zeroed (secure_delete); fold the WAL so
      // its frames holding them are gone too.
      TELEGATE_RETURN_IF_ERROR(file->db()->CheckpointTruncate());
    }
  }
  TELEGATE_RETURN_IF_ERROR(file->Load());
  return file;
}

EventFile::~EventFile() {
  Wipe(&record_);
  Wipe(&scratch_);
}

absl::Status EventFile::Load() {
  if (version_ == 0) return absl::OkStatus();  // empty, opened read-only
  if (version_ == 1) {
    TELEGATE_ASSIGN_OR_RETURN(count_,
                              db_->QueryInt64("SELECT count(*) FROM events"));
    TELEGATE_ASSIGN_OR_RETURN(
        bytes_, db_->QueryInt64("SELECT total(length(payload)) FROM events"));
    return absl::OkStatus();
  }
  TELEGATE_ASSIGN_OR_RETURN(
      std::string stored,
      db_->QueryText("SELECT value FROM meta WHERE key = 'category'"));
  if (stored != category_) {
    return absl::DataLossError(absl::StrCat(db_->path(), " holds category \"",
                                            stored, "\", not \"", category_,
                                            "\""));
  }
  {
    TELEGATE_ASSIGN_OR_RETURN(
        Statement stmt,
        db_->Prepare("SELECT row_count, byte_count, next_seq, min_capture_ms"
                     " FROM counters"));
    TELEGATE_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
    if (!has_row) return absl::DataLossError("event file has no counters");
    count_ = stmt.ColumnInt64(0);
    bytes_ = stmt.ColumnInt64(1);
    next_seq_ = stmt.ColumnInt64(2);
    if (!stmt.ColumnIsNull(3)) min_capture_ = stmt.ColumnInt64(3);
  }
  {
    // The upper bound on capture times (absent in files from before it was
    // kept: computed once, written with the next change).
    TELEGATE_ASSIGN_OR_RETURN(
        Statement stmt,
        db_->Prepare("SELECT value FROM meta WHERE key = 'max_capture_ms'"));
    TELEGATE_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
    if (has_row && !stmt.ColumnIsNull(0)) {
      max_capture_ = stmt.ColumnInt64(0);
    } else if (count_ > 0) {
      TELEGATE_ASSIGN_OR_RETURN(
          max_capture_, db_->QueryInt64("SELECT max(capture_ms) FROM events"));
    }
  }
  TELEGATE_ASSIGN_OR_RETURN(Statement stmt,
                            db_->Prepare("SELECT id, name FROM names"));
  for (;;) {
    TELEGATE_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
    if (!has_row) break;
    if (!names_.Load(static_cast<uint32_t>(stmt.ColumnInt64(0)),
                     stmt.ColumnText(1))) {
      return absl::DataLossError(
          absl::StrCat(db_->path(), ": malformed name table"));
    }
  }
  return absl::OkStatus();
}

absl::Status EventFile::SaveCounters(int64_t count, int64_t bytes,
                                     int64_t next_seq,
                                     std::optional<int64_t> min_capture) {
  if (!update_counters_.valid()) {
    TELEGATE_ASSIGN_OR_RETURN(
        update_counters_,
        db_->Prepare("UPDATE counters SET row_count = ?, byte_count = ?,"
                     " next_seq = ?, min_capture_ms = ?"));
  }
  update_counters_.BindInt64(1, count);
  update_counters_.BindInt64(2, bytes);
  update_counters_.BindInt64(3, next_seq);
  if (min_capture && count > 0) {
    update_counters_.BindInt64(4, *min_capture);
  } else {
    update_counters_.BindNull(4);
  }
  absl::Status status = update_counters_.Run();
  update_counters_.Reset();
  return status;
}

absl::Status EventFile::Append(absl::Span<const EventRow> rows) {
  return Replace({}, rows);
}

absl::Status EventFile::Replace(absl::Span<const int64_t> seqs,
                                absl::Span<const EventRow> rows) {
  if (seqs.empty() && rows.empty()) return absl::OkStatus();
  if (version_ != kSchemaVersion) {
    return absl::FailedPreconditionError("event file is read-only");
  }
  if (!insert_.valid()) {
    TELEGATE_ASSIGN_OR_RETURN(
        insert_, db_->Prepare("INSERT INTO events(seq, capture_ms, record)"
                              " VALUES(?, ?, ?)"));
    TELEGATE_ASSIGN_OR_RETURN(
        insert_name_, db_->Prepare("INSERT INTO names(id, name) VALUES(?, ?)"));
  }
  const uint32_t first_new_name = names_.next_id();
  int64_t added_bytes = 0;
  std::optional<int64_t> min_capture = min_capture_;
  std::optional<int64_t> max_capture = max_capture_;
  for (const EventRow& row : rows) {
    if (!min_capture || row.capture_ms < *min_capture) {
      min_capture = row.capture_ms;
    }
    if (!max_capture || row.capture_ms > *max_capture) {
      max_capture = row.capture_ms;
    }
  }
  int64_t seq = next_seq_;
  int64_t deleted_rows = 0, deleted_bytes = 0;
  absl::Status status = db_->Exec("BEGIN IMMEDIATE");
  if (status.ok() && !seqs.empty()) {
    // The bound stays a bound: deleting rows never lowers the minimum.
    status = DeleteSeqs(seqs, &deleted_rows, &deleted_bytes);
  }
  for (size_t i = 0; status.ok() && i < rows.size(); ++i) {
    EncodeRecord(rows[i].payload, rows[i].capture_ms, category_, &names_,
                 &record_, &scratch_);
    insert_.BindInt64(1, seq++);
    insert_.BindInt64(2, rows[i].capture_ms);
    insert_.BindBlobNoCopy(3, record_);  // record_ is not touched until Reset
    status = insert_.Run();
    insert_.Reset();
    added_bytes += static_cast<int64_t>(record_.size());
  }
  for (uint32_t id = first_new_name; status.ok() && id < names_.next_id();
       ++id) {
    insert_name_.BindInt64(1, id);
    insert_name_.BindText(2, *names_.Get(id));
    status = insert_name_.Run();
    insert_name_.Reset();
  }
  const int64_t count =
      count_ + static_cast<int64_t>(rows.size()) - deleted_rows;
  if (count == 0) min_capture = std::nullopt;
  if (status.ok()) {
    status = SaveCounters(count, bytes_ + added_bytes - deleted_bytes, seq,
                          min_capture);
  }
  if (status.ok() && max_capture != max_capture_) {
    status = SaveMaxCapture(*max_capture);
  }
  if (status.ok()) status = db_->Exec("COMMIT");
  Wipe(&record_);
  Wipe(&scratch_);
  if (!status.ok()) {
    db_->Exec("ROLLBACK").IgnoreError();
    names_.Truncate(first_new_name);
    return status;
  }
  count_ = count;
  bytes_ += added_bytes - deleted_bytes;
  next_seq_ = seq;
  min_capture_ = min_capture;
  max_capture_ = max_capture;
  if (deleted_rows == 0) return absl::OkStatus();
  // secure_delete has zeroed the old rows in the new page images; fold the
  // WAL so that no older frame still holds them.
  return db_->CheckpointTruncate();
}

absl::Status EventFile::DecodeRow(const Statement& stmt, EventRow* row) {
  row->seq = stmt.ColumnInt64(0);
  row->capture_ms = stmt.ColumnInt64(1);
  if (version_ < 2) {
    row->payload = stmt.ColumnBlob(2);
    return absl::OkStatus();
  }
  absl::Status status = DecodeRecord(stmt.ColumnBlob(2), row->capture_ms,
                                     category_, names_, &scratch_);
  if (!status.ok()) {
    return absl::DataLossError(absl::StrCat(db_->path(), ": event ", row->seq,
                                            ": ", status.message()));
  }
  row->payload = scratch_;
  return absl::OkStatus();
}

absl::Status EventFile::ForEach(
    const std::function<bool(const EventRow&)>& fn) {
  return Scan(std::nullopt, fn);
}

absl::Status EventFile::Scan(std::optional<size_t> limit,
                             const std::function<bool(const EventRow&)>& fn) {
  if (version_ == 0) return absl::OkStatus();
  const char* sql = version_ < 2 ? "SELECT seq, capture_ms, payload FROM events"
                                   " ORDER BY seq LIMIT ?"
                                 : "SELECT seq, capture_ms, record FROM events"
                                   " ORDER BY seq LIMIT ?";
  TELEGATE_ASSIGN_OR_RETURN(Statement stmt, db_->Prepare(sql));
  // LIMIT -1: no limit.
  stmt.BindInt64(
      1,
      limit ? static_cast<int64_t>(std::min<size_t>(*limit, INT64_MAX)) : -1);
  absl::Status status;
  for (;;) {
    absl::StatusOr<bool> has_row = stmt.Step();
    if (!has_row.ok()) {
      status = has_row.status();
      break;
    }
    if (!*has_row) break;
    EventRow row;
    status = DecodeRow(stmt, &row);
    if (!status.ok() || !fn(row)) break;
  }
  Wipe(&scratch_);
  return status;
}

absl::StatusOr<std::vector<StoredEvent>> EventFile::ReadOldest(
    size_t max_events, size_t max_bytes) {
  std::vector<StoredEvent> events;
  if (max_events == 0) return events;
  size_t total = 0;
  absl::Status status = Scan(max_events, [&](const EventRow& row) {
    if (!events.empty() && total + row.payload.size() > max_bytes) {
      return false;
    }
    total += row.payload.size();
    events.push_back(StoredEvent{row.seq, row.capture_ms,
                                 util_internal::SecureString(row.payload)});
    return true;
  });
  if (!status.ok()) {
    for (StoredEvent& e : events) Wipe(&e.payload);
    return status;
  }
  return events;
}

absl::Status EventFile::FinishDelete(int64_t rows, int64_t bytes,
                                     std::optional<int64_t> min_capture) {
  if (rows == 0 && min_capture == min_capture_) {
    return db_->Exec("ROLLBACK");  // nothing changed
  }
  absl::Status status =
      SaveCounters(count_ - rows, bytes_ - bytes, next_seq_, min_capture);
  if (status.ok()) status = db_->Exec("COMMIT");
  if (!status.ok()) {
    db_->Exec("ROLLBACK").IgnoreError();
    return status;
  }
  count_ -= rows;
  bytes_ -= bytes;
  min_capture_ = count_ > 0 ? min_capture : std::nullopt;
  if (rows == 0) return absl::OkStatus();
  // secure_delete has zeroed the rows in the new page images; fold the WAL
  // so that no older frame still holds them.
  return db_->CheckpointTruncate();
}

absl::Status EventFile::Delete(absl::Span<const int64_t> seqs) {
  if (seqs.empty()) return absl::OkStatus();
  if (version_ != kSchemaVersion) {
    return absl::FailedPreconditionError("event file is read-only");
  }
  TELEGATE_RETURN_IF_ERROR(db_->Exec("BEGIN IMMEDIATE"));
  int64_t rows = 0, bytes = 0;
  absl::Status status = DeleteSeqs(seqs, &rows, &bytes);
  if (!status.ok()) {
    db_->Exec("ROLLBACK").IgnoreError();
    return status;
  }
  // The bound stays a bound: deleting rows never lowers the minimum.
  return FinishDelete(rows, bytes, min_capture_);
}

absl::Status EventFile::DeleteSeqs(absl::Span<const int64_t> seqs,
                                   int64_t* rows, int64_t* bytes) {
  TELEGATE_ASSIGN_OR_RETURN(
      Statement stmt,
      db_->Prepare(
          "DELETE FROM events WHERE seq = ? RETURNING length(record)"));
  for (int64_t seq : seqs) {
    stmt.BindInt64(1, seq);
    absl::StatusOr<bool> deleted = stmt.Step();
    absl::Status status = deleted.status();
    if (status.ok() && *deleted) {
      ++*rows;
      *bytes += stmt.ColumnInt64(0);
      status = stmt.Run();  // finish the statement
    }
    stmt.Reset();
    TELEGATE_RETURN_IF_ERROR(status);
  }
  return absl::OkStatus();
}

absl::Status EventFile::SaveMaxCapture(int64_t max_capture_ms) {
  if (!save_max_capture_.valid()) {
    TELEGATE_ASSIGN_OR_RETURN(
        save_max_capture_,
        db_->Prepare("INSERT OR REPLACE INTO meta(key, value)"
                     " VALUES('max_capture_ms', ?)"));
  }
  save_max_capture_.BindInt64(1, max_capture_ms);
  absl::Status status = save_max_capture_.Run();
  save_max_capture_.Reset();
  return status;
}

absl::StatusOr<int64_t> EventFile::ClampFutureCaptures(int64_t now_ms) {
  if (version_ != kSchemaVersion) {
    return absl::FailedPreconditionError("event file is read-only");
  }
  if (count_ == 0 || !max_capture_ || *max_capture_ <= now_ms) return 0;
  TELEGATE_RETURN_IF_ERROR(db_->Exec("BEGIN IMMEDIATE"));
  int64_t clamped = 0;
  int64_t delta_bytes = 0;
  absl::Status status;
  {
    absl::StatusOr<Statement> scan = db_->Prepare(
        "SELECT seq, capture_ms, record FROM events WHERE capture_ms > ?");
    absl::StatusOr<Statement> update = db_->Prepare(
        "UPDATE events SET capture_ms = ?, record = ? WHERE seq = ?");
    status = scan.ok() ? update.status() : scan.status();
    if (status.ok()) scan->BindInt64(1, now_ms);
    std::vector<std::pair<int64_t, util_internal::SecureString>> rewritten;
    while (status.ok()) {
      absl::StatusOr<bool> has_row = scan->Step();
      status = has_row.status();
      if (!status.ok() || !*has_row) break;
      EventRow row;
      status = DecodeRow(*scan, &row);
      if (!status.ok()) break;
      // Verbatim: the payload keeps its recorded capture time.
      util_internal::SecureString record;
      EncodeVerbatimRecord(row.payload, &record);
      delta_bytes += static_cast<int64_t>(record.size()) -
                     static_cast<int64_t>(scan->ColumnBlob(2).size());
      rewritten.emplace_back(row.seq, std::move(record));
    }
    Wipe(&scratch_);
    for (auto& [seq, record] : rewritten) {
      if (status.ok()) {
        update->BindInt64(1, now_ms);
        update->BindBlobNoCopy(2, record);
        update->BindInt64(3, seq);
        status = update->Run();
        update->Reset();
        ++clamped;
      }
      Wipe(&record);
    }
  }
  const std::optional<int64_t> min_capture =
      min_capture_ ? std::min(*min_capture_, now_ms) : now_ms;
  if (status.ok()) {
    status = SaveCounters(count_, bytes_ + delta_bytes, next_seq_, min_capture);
  }
  if (status.ok()) status = SaveMaxCapture(now_ms);
  if (status.ok()) status = db_->Exec("COMMIT");
  if (!status.ok()) {
    db_->Exec("ROLLBACK").IgnoreError();
    return status;
  }
  bytes_ += delta_bytes;
  min_capture_ = min_capture;
  max_capture_ = now_ms;
  return clamped;
}

absl::StatusOr<int64_t> EventFile::DeleteCapturedBefore(int64_t cutoff_ms) {
  if (version_ != kSchemaVersion) {
    return absl::FailedPreconditionError("event file is read-only");
  }
  // Nothing held, or nothing captured before the cutoff: no scan at all.
  if (count_ == 0 || (min_capture_ && *min_capture_ >= cutoff_ms)) return 0;
  TELEGATE_RETURN_IF_ERROR(db_->Exec("BEGIN IMMEDIATE"));
  int64_t rows = 0, bytes = 0;
  std::optional<int64_t> min_kept;
  absl::Status status;
  {
    // One pass for what goes and for the exact minimum of what stays.
    absl::StatusOr<Statement> scan = db_->Prepare(
        "SELECT count(*) FILTER (WHERE capture_ms < ?1),"
        " total(length(record)) FILTER (WHERE capture_ms < ?1),"
        " min(capture_ms) FILTER (WHERE capture_ms >= ?1) FROM events");
    status = scan.status();
    if (status.ok()) {
      scan->BindInt64(1, cutoff_ms);
      absl::StatusOr<bool> row = scan->Step();
      status = row.status();
      if (status.ok() && *row) {
        rows = scan->ColumnInt64(0);
        bytes = static_cast<int64_t>(scan->ColumnDouble(1));
        if (!scan->ColumnIsNull(2)) min_kept = scan->ColumnInt64(2);
      }
    }
  }
  return FinishRangeDelete(status, "DELETE FROM events WHERE capture_ms < ?",
                           cutoff_ms, rows, bytes, min_kept);
}

absl::StatusOr<int64_t> EventFile::DeleteOldest(int64_t min_rows,
                                                int64_t min_bytes) {
  if (version_ != kSchemaVersion) {
    return absl::FailedPreconditionError("event file is read-only");
  }
  if ((min_rows <= 0 && min_bytes <= 0) || count_ == 0) return 0;
  TELEGATE_RETURN_IF_ERROR(db_->Exec("BEGIN IMMEDIATE"));
  int64_t rows = 0, bytes = 0, last_seq = 0;
  absl::Status status;
  {
    absl::StatusOr<Statement> scan =
        db_->Prepare("SELECT seq, length(record) FROM events ORDER BY seq");
    status = scan.status();
    while (status.ok() && (rows < min_rows || bytes < min_bytes)) {
      absl::StatusOr<bool> row = scan->Step();
      status = row.status();
      if (!status.ok() || !*row) break;
      last_seq = scan->ColumnInt64(0);
      bytes += scan->ColumnInt64(1);
      ++rows;
    }
  }
  return FinishRangeDelete(status, "DELETE FROM events WHERE seq <= ?",
                           last_seq, rows, bytes, min_capture_);
}

absl::StatusOr<int64_t> EventFile::FinishRangeDelete(
    absl::Status status, const char* sql, int64_t bound, int64_t rows,
    int64_t bytes, std::optional<int64_t> min_capture) {
  if (status.ok() && rows > 0) {
    absl::StatusOr<Statement> del = db_->Prepare(sql);
    status = del.status();
    if (status.ok()) {
      del->BindInt64(1, bound);
      status = del->Run();
    }
  }
  if (!status.ok()) {
    db_->Exec("ROLLBACK").IgnoreError();
    return status;
  }
  TELEGATE_RETURN_IF_ERROR(FinishDelete(rows, bytes, min_capture));
  return rows;
}

absl::Status EventFile::Rekey(const SecretBytes& key) {
  return db_->Rekey(key);
}

}  // namespace telegate::store_internal
