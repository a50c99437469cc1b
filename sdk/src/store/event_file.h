// EventFile: the encrypted file that buffers one category's events.
//
// Each category has its own SQLCipher file keyed with the category's own data
// key, so a revoke destroys the key (every page, WAL frame, free page and
// backup of the file becomes unreadable) and removes the file: it never has to
// rewrite pages shared with other categories.
//
//   TELEGATE_ASSIGN_OR_RETURN(auto file, EventFile::Open(path, key, true));
//   TELEGATE_RETURN_IF_ERROR(file->Append(rows));
#ifndef TELEGATE_STORE_EVENT_FILE_H_
#define TELEGATE_STORE_EVENT_FILE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "store/sqlcipher_db.h"

namespace telegate::store_internal {

// One event as the store keeps it.
struct EventRow {
  int64_t seq = 0;          // assigned by the file on append
  int64_t capture_ms = 0;
  absl::string_view payload;  // serialized telegate.proto.Event
};

// One event read back for upload: an owning copy.
struct StoredEvent {
  int64_t seq = 0;
  int64_t capture_ms = 0;
  std::string payload;  // serialized telegate.proto.Event
};

// Thread-compatible: owned by the writer thread.
class EventFile {
 public:
  // Opens (creating if `create`) the file at `path` with the category key.
  static absl::StatusOr<std::unique_ptr<EventFile>> Open(
      const std::string& path, const SecretBytes& key, bool create,
      bool read_only = false);

  // Appends the rows in one transaction; all or nothing.
  absl::Status Append(absl::Span<const EventRow> rows);
  // Calls `fn` for every row, oldest first, until it returns false.
  absl::Status ForEach(const std::function<bool(const EventRow&)>& fn);
  // --- Upload (sdk/src/upload/) ---
  // The oldest events, in seq order: at most `max_events`, stopping before
  // the event that would take the payload total past `max_bytes` — but at
  // least one when the file has any and max_events > 0.
  absl::StatusOr<std::vector<StoredEvent>> ReadOldest(size_t max_events,
                                                      size_t max_bytes);
  // Deletes the events with these seqs (secure_delete overwrites them) in
  // one transaction; seqs not present are ignored. Keeps count() exact.
  absl::Status Delete(absl::Span<const int64_t> seqs);

  // Rows in the file (kept in memory; exact).
  int64_t count() const { return count_; }

  SqlcipherDb* db() { return db_.get(); }

 private:
  explicit EventFile(std::unique_ptr<SqlcipherDb> db) : db_(std::move(db)) {}

  std::unique_ptr<SqlcipherDb> db_;
  Statement insert_;
  int64_t count_ = 0;
};

}  // namespace telegate::store_internal

#endif  // TELEGATE_STORE_EVENT_FILE_H_
