// EventFile: the encrypted file that buffers one category's events.
//
// Each category has its own SQLCipher file keyed with the category's own data
// key, so a revoke destroys the key (every page, WAL frame, free page and
// backup of the file becomes unreadable) and removes the file: it never has to
// rewrite pages shared with other categories.
//
// Events are kept as compact records (store/event_record.h) but handed out
// as the serialized telegate.proto.Event they were appended as, byte for
// byte. Every deletion (upload acknowledgement, retention, quota) is a
// secure delete followed by a WAL checkpoint, so the deleted content is in
// no page of the file or its WAL once the call returns.
//
//   TELEGATE_ASSIGN_OR_RETURN(auto file,
//                             EventFile::Open(path, key, "log.search", true));
//   TELEGATE_RETURN_IF_ERROR(file->Append(rows));
//   TELEGATE_ASSIGN_OR_RETURN(auto batch, file->ReadOldest(50, 64 << 10));
//   ... upload, then on acknowledgement:
//   TELEGATE_RETURN_IF_ERROR(file->Delete(seqs));
//
// Schema versions (PRAGMA user_version; forward migrations in event_file.cc):
//   1  events(seq, capture_ms, payload = serialized Event)  [foundation]
//   2  events(seq, capture_ms, record), names, meta (the category),
//      counters (rows, bytes, next seq, a lower bound on capture times)
#ifndef TELEGATE_STORE_EVENT_FILE_H_
#define TELEGATE_STORE_EVENT_FILE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "store/event_record.h"
#include "store/sqlcipher_db.h"
#include "util/secure_memory.h"

namespace telegate::store_internal {

// One event as the store keeps it.
struct EventRow {
  int64_t seq = 0;  // assigned by the file on append
  int64_t capture_ms = 0;
  absl::string_view payload;  // serialized telegate.proto.Event
};

// An event read out of the file, owning its bytes (in secure memory: wiped
// when released).
struct StoredEvent {
  int64_t seq = 0;
  int64_t capture_ms = 0;
  util_internal::SecureString payload;  // serialized telegate.proto.Event
};

// Thread-compatible: owned by the writer thread.
class EventFile {
 public:
  static constexpr int kSchemaVersion = 2;

  // Opens (creating if `create`) the file at `path` for `category` with the
  // category's key, migrating an older schema forward (not when
  // `read_only`: an older file is then read as it is).
  // kDataLoss if the key does not decrypt the file, the file is corrupt,
  // foreign, or belongs to another category; kFailedPrecondition if its
  // schema is newer than this library; kNotFound if missing and !create.
  static absl::StatusOr<std::unique_ptr<EventFile>> Open(
      const std::string& path, const SecretBytes& key,
      absl::string_view category, bool create, bool read_only = false);
  ~EventFile();

  // Appends the rows in one transaction; all or nothing. Seqs are assigned
  // in order, never reused within the file.
  absl::Status Append(absl::Span<const EventRow> rows);

  // Deletes the events with these seqs (unknown seqs are ignored) and
  // appends `rows` in the same transaction — a crash leaves either the old
  // events or the new ones, never neither — then checkpoints the WAL if
  // anything was deleted (a rewrite: anonymization).
  absl::Status Replace(absl::Span<const int64_t> seqs,
                       absl::Span<const EventRow> rows);

  // Calls `fn` for every event, oldest first, until it returns false. The
  // row's payload is valid only during the call.
  absl::Status ForEach(const std::function<bool(const EventRow&)>& fn);

  // --- Upload (sdk/src/upload/) ---
  // The oldest events (by seq), at most `max_events` of them and at most
  // `max_bytes` of payload in total, but always at least one if the file
  // holds any (an event larger than `max_bytes` must still leave).
  absl::StatusOr<std::vector<StoredEvent>> ReadOldest(size_t max_events,
                                                      size_t max_bytes);

  // Deletes the events with these seqs (unknown seqs are ignored) in one
  // transaction, then checkpoints the WAL.
  absl::Status Delete(absl::Span<const int64_t> seqs);

  // Deletes every event captured before `cutoff_ms` (retention). Returns
  // how many. Scans the file only if capture_lower_bound_ms() is before the
  // cutoff; afterwards the bound is exact again.
  absl::StatusOr<int64_t> DeleteCapturedBefore(int64_t cutoff_ms);

  // Deletes the oldest events until at least `min_rows` rows and
  // `min_bytes` bytes are gone, or the file is empty (quota). Returns how
  // many rows.
  absl::StatusOr<int64_t> DeleteOldest(int64_t min_rows, int64_t min_bytes);

  // Retention when the clock has jumped back (or was ahead when events were
  // captured): every event whose capture time lies after `now_ms` is
  // re-dated to `now_ms` for retention — it ages from the moment the clock
  // is seen behind it — while its payload keeps the capture time it was
  // recorded with (such rows are kept verbatim). Returns how many. No scan
  // unless capture_upper_bound_ms() is after `now_ms`.
  absl::StatusOr<int64_t> ClampFutureCaptures(int64_t now_ms);

  // No event held was captured after this (kept in the file's meta table);
  // nullopt when nothing was ever held. Possibly late after deletions.
  std::optional<int64_t> capture_upper_bound_ms() const { return max_capture_; }

  // No event held was captured before this; nullopt when empty. Exact
  // after appends and DeleteCapturedBefore, possibly early after other
  // deletions (it is then corrected by the next DeleteCapturedBefore that
  // reaches it). No I/O.
  std::optional<int64_t> capture_lower_bound_ms() const { return min_capture_; }

  // Re-encrypts the file under `key` (see SqlcipherDb::Rekey).
  absl::Status Rekey(const SecretBytes& key);

  // Events held and their stored (record) bytes; exact, kept in the file.
  int64_t count() const { return count_; }
  int64_t bytes() const { return bytes_; }
  // The schema version the file is at (older only when opened read-only).
  int schema_version() const { return version_; }
  const std::string& category() const { return category_; }

  SqlcipherDb* db() { return db_.get(); }

 private:
  EventFile(std::unique_ptr<SqlcipherDb> db, std::string category)
      : db_(std::move(db)), category_(std::move(category)) {}
  absl::Status Load();
  // Writes the counters row; inside the caller's transaction.
  absl::Status SaveCounters(int64_t count, int64_t bytes, int64_t next_seq,
                            std::optional<int64_t> min_capture);
  // Writes the capture upper bound; inside the caller's transaction.
  absl::Status SaveMaxCapture(int64_t max_capture_ms);
  // Commits a deletion of `rows` rows / `bytes` bytes made in the open
  // transaction (with the new capture bound), then checkpoints; rolls back
  // on failure.
  absl::Status FinishDelete(int64_t rows, int64_t bytes,
                            std::optional<int64_t> min_capture);
  // The end of a range deletion whose scan (in the open transaction) ended
  // with `status` and counted `rows` / `bytes`: runs `sql` (one bound
  // parameter, `bound`) and commits through FinishDelete, or rolls back.
  absl::StatusOr<int64_t> FinishRangeDelete(absl::Status status,
                                            const char* sql, int64_t bound,
                                            int64_t rows, int64_t bytes,
                                            std::optional<int64_t> min_capture);
  // Deletes the events with these seqs inside the caller's transaction;
  // adds what went to `rows` / `bytes`.
  absl::Status DeleteSeqs(absl::Span<const int64_t> seqs, int64_t* rows,
                          int64_t* bytes);
  // Calls `fn` for the oldest `limit` events (all without one), oldest
  // first, until it returns false.
  absl::Status Scan(std::optional<size_t> limit,
                    const std::function<bool(const EventRow&)>& fn);
  // Decodes a row of `stmt` (seq, capture_ms, record-or-payload).
  absl::Status DecodeRow(const Statement& stmt, EventRow* row);

  std::unique_ptr<SqlcipherDb> db_;
  std::string category_;
  int version_ = kSchemaVersion;
  NameTable names_;
  int64_t count_ = 0;
  int64_t bytes_ = 0;
  int64_t next_seq_ = 1;
  std::optional<int64_t> min_capture_;
  std::optional<int64_t> max_capture_;
  Statement insert_;
  Statement save_max_capture_;
  Statement update_counters_;
  Statement insert_name_;
  // Working space, wiped after every use and when released.
  util_internal::SecureString record_;   // one encoded record
  util_internal::SecureString scratch_;  // one decoded event
};

}  // namespace telegate::store_internal

#endif  // TELEGATE_STORE_EVENT_FILE_H_
