// Store: the files of one data directory and the keys that open them.
//
//   <data_dir>/telegate.db            consent state (key "telegate.db")
//   <data_dir>/events/<category>.db   one category's events
//                                     (key "telegate.category.<category>")
//
// Nothing is created until the first consent (Create); a category's key and
// file are created when its first event is committed; Purge destroys the
// category's key first, then removes its file, WAL and shared-memory file.
#ifndef TELEGATE_STORE_STORE_H_
#define TELEGATE_STORE_STORE_H_

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "store/consent_db.h"
#include "store/event_file.h"
#include "telegate/key_store.h"

namespace telegate::store_internal {

inline constexpr char kDbKeyName[] = "telegate.db";
inline constexpr char kConsentDbFile[] = "telegate.db";
inline constexpr char kEventsDir[] = "events";
inline constexpr char kEventFileSuffix[] = ".db";

// The key-store name of a category's data key.
std::string CategoryKeyName(const std::string& category);

// Thread-compatible: owned by the writer thread.
class Store {
 public:
  // `keys` is borrowed and must outlive the Store.
  Store(std::string data_dir, KeyStore* keys);
  ~Store();

  // Opens the consent database if it exists. Returns false on a fresh
  // install (no key, no file). kFailedPrecondition if the file exists but
  // its key is gone; kDataLoss if the key does not decrypt it.
  absl::StatusOr<bool> OpenExisting();
  // Creates the database key and the consent database (first consent).
  absl::Status Create();
  bool is_open() const { return consent_ != nullptr; }
  ConsentDb* consent() { return consent_.get(); }

  // The category's event file, opened on first use. With `create`, makes the
  // category key and file if missing; without, returns nullptr if there is
  // no file. A file whose key is gone is unreadable: it is removed and
  // counted in lost_files().
  absl::StatusOr<EventFile*> Events(const std::string& category, bool create);

  // Destroys the category key, closes and removes the category's files.
  // Idempotent. Returns true if anything existed.
  absl::StatusOr<bool> Purge(const std::string& category);

  // Closes the consent database, destroys its key, then removes its files:
  // the consent state and ledger become unreadable wherever copies remain.
  absl::Status DestroyConsentDb();

  // Category names that have an event file on disk.
  absl::StatusOr<std::vector<std::string>> CategoriesOnDisk() const;

  // Closes every connection.
  void Close();

  // Files swept because their key was gone, since the last call.
  int64_t TakeLostFiles() { return std::exchange(lost_files_, 0); }
  const std::string& data_dir() const { return data_dir_; }
  std::string ConsentDbPath() const;
  std::string EventsDir() const;
  std::string EventFilePath(const std::string& category) const;

 private:
  std::string data_dir_;
  KeyStore* keys_;
  std::unique_ptr<ConsentDb> consent_;
  std::map<std::string, std::unique_ptr<EventFile>> events_;
  int64_t lost_files_ = 0;
};

}  // namespace telegate::store_internal

#endif  // TELEGATE_STORE_STORE_H_
