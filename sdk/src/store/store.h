// Store: the files of one data directory and the keys that open them.
//
//   <data_dir>/telegate.db            consent state (key "telegate.db")
//   <data_dir>/events/<category>.db   one category's events
//                                     (key "telegate.category.<category>")
//
// Nothing is created until the first consent (Create); a category's key and
// file are created when its first event is committed; Purge destroys the
// category's key first, then removes its WAL, shared-memory and main file.
//
// Keys live in two slots, "<name>" and "<name>.alt": RotateKeys creates the
// new key in the free slot, re-encrypts the file (PRAGMA rekey, one
// transaction) and only then destroys the old slot, so a crash at any point
// leaves one slot that opens the file; the next open tries both and destroys
// the one that does not.
//
// A file that cannot be used — its key is gone, its key does not open it
// (wrong key, corrupt, truncated or foreign file) or a newer library wrote
// it — is recorded as an incident, its keys destroyed, its bytes overwritten
// and removed, and a fresh file takes its place. Transient errors (the key
// store unavailable, I/O errors) are returned as they are and change nothing.
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
#include "telegate/store_health.h"

namespace telegate::store_internal {

inline constexpr char kDbKeyName[] = "telegate.db";
inline constexpr char kConsentDbFile[] = "telegate.db";
inline constexpr char kEventsDir[] = "events";
inline constexpr char kEventFileSuffix[] = ".db";
inline constexpr char kAltKeySuffix[] = ".alt";

// The key-store name of a category's data key (its first slot).
std::string CategoryKeyName(const std::string& category);
// The key-store name of a category's consent token: a key that exists while
// the user's consent for the category is on. It encrypts nothing; it is a
// bit that can be cleared without free space (see Store::ConsentToken).
std::string ConsentTokenName(const std::string& category);

// Thread-compatible: owned by the writer thread.
class Store {
 public:
  // `keys` is borrowed and must outlive the Store.
  Store(std::string data_dir, KeyStore* keys);
  ~Store();

  // Resolves the data directory to its canonical path (the host may reach
  // it through symbolic links, as iOS's /var does), so that files below it
  // can be opened without following any link. Call first.
  absl::Status ResolveDataDir();
  // Removes the symbolic links planted in the data directory and its
  // events directory (never following them) and records each as a kPlanted
  // incident. Call before anything reads a file there.
  absl::Status RemovePlantedLinks();

  // Opens the consent database if there is one. Returns false on a fresh
  // install (no key, no file); a key without a database (planted, or an
  // install interrupted before its first consent was recorded) is
  // destroyed and the install counts as fresh. An unusable consent database is
  // replaced (see consent_reset()) and true returned.
  absl::StatusOr<bool> OpenExisting();
  // Opens the consent database as it is, if it is there and readable;
  // never replaces or reports anything (for a database about to be
  // destroyed anyway: finishing an account deletion). False otherwise.
  bool OpenConsentIfReadable();
  // Creates the database key and the consent database (first consent).
  absl::Status Create();
  bool is_open() const { return consent_ != nullptr; }
  ConsentDb* consent() { return consent_.get(); }
  // Replaces a consent database that failed after opening (kDataLoss from
  // a read): incident, removal, fresh database.
  absl::Status ResetConsent(const absl::Status& why);
  // True once the consent database has been replaced: no consent survives.
  bool consent_reset() const { return consent_reset_; }

  // The category's event file, opened on first use. With `create`, makes
  // the category key and file if missing; without, returns nullptr if there
  // is no file. An unusable file is replaced (or, without `create`, only
  // removed).
  absl::StatusOr<EventFile*> Events(const std::string& category, bool create);
  // The category's event file if it is open; nullptr otherwise. No I/O.
  EventFile* OpenEvents(const std::string& category) const;
  // Every open event file, by category.
  const std::map<std::string, std::unique_ptr<EventFile>>& open_events() const {
    return events_;
  }

  // Removes a category's file that failed after opening (kDataLoss from a
  // read or write), recording `why` and the events it held as lost. The
  // next Events(create) starts a fresh file.
  absl::Status ReplaceEvents(const std::string& category,
                             const absl::Status& why);

  // Destroys the category's keys, closes and removes the category's files.
  // Idempotent. Returns true if anything existed.
  absl::StatusOr<bool> Purge(const std::string& category);
  // Overwrites and removes the files of an event file whose name is not a
  // valid category name (catalog_internal::IsValidCategoryName), without
  // touching any key: keys derived from such a name may belong to another
  // category.
  absl::Status RemoveStrayEvents(const std::string& name);

  // Re-encrypts the consent database and every open event file under fresh
  // keys, destroying the old ones. Events are kept. Stops at the first
  // error; files already rotated stay rotated.
  absl::Status RotateKeys();

  // Closes every open event file and opens it again. Closing releases all
  // the memory SQLite held for a file — page cache, statements, lookaside —
  // which SQLCipher's memory security wipes: after a rewrite in place
  // (anonymization), no copy of the old rows stays in memory.
  absl::Status ReopenEvents();

  // True if the key store holds a key for the category (either slot).
  bool HasKeys(const std::string& category);

  // Consent tokens. A grant makes the category's token before its consent
  // is written; a revoke destroys it before anything else, which needs no
  // free space. A consent read as "on" whose token is gone is a revoke that
  // could not be written (disk full, I/O error): the caller treats it as
  // revoked. HasConsentToken returns the key store's other errors as they
  // are (an unavailable key store is not a revoke).
  absl::Status EnsureConsentToken(const std::string& category);
  absl::Status DestroyConsentToken(const std::string& category);
  absl::StatusOr<bool> HasConsentToken(const std::string& category);

  // Removes WAL, shared-memory and journal files whose database is gone
  // (left by a crash in the middle of a removal).
  absl::Status SweepOrphans();
  // Closes the consent database, destroys its key, then removes its files:
  // the consent state and ledger become unreadable wherever copies remain.
  absl::Status DestroyConsentDb();

  // Category names that have an event file on disk.
  absl::StatusOr<std::vector<std::string>> CategoriesOnDisk() const;

  // Closes every connection.
  void Close();

  // Incidents since the last call (time_ms left 0 for the caller to fill).
  std::vector<StoreIncident> TakeIncidents() {
    return std::exchange(incidents_, {});
  }
  const std::string& data_dir() const { return data_dir_; }
  std::string ConsentDbPath() const;
  std::string EventsDir() const;
  std::string EventFilePath(const std::string& category) const;

 private:
  // A file's key, found in one of its two slots.
  struct FoundKey {
    SecretBytes key;
    int slot = 0;
  };
  std::string SlotName(const std::string& base, int slot) const;
  // The keys present in either slot, first slot first. kNotFound for
  // neither; other key-store errors as they are.
  // A key the key store refuses as untrusted (kPermissionDenied: planted)
  // or unreadable (kDataLoss) is destroyed; an untrusted one is also
  // recorded as a kPlanted incident.
  absl::StatusOr<std::vector<FoundKey>> FindKeys(const std::string& base);
  absl::Status DestroyKeys(const std::string& base);
  // Creates a key in `slot` (destroying a leftover there first).
  absl::StatusOr<SecretBytes> CreateKey(const std::string& base, int slot);
  // Opens with whichever slot works; destroys the other. kDataLoss if no
  // key opens it.
  template <typename T, typename OpenFn>
  absl::StatusOr<std::unique_ptr<T>> OpenWithKeys(const std::string& base,
                                                  std::vector<FoundKey> keys,
                                                  int* slot, OpenFn open);
  // Records an incident and removes the file (keys first).
  absl::Status Discard(const std::string& path, const std::string& key_base,
                       const std::string& category, StoreProblem problem,
                       const absl::Status& why, int64_t events_lost);
  absl::Status OpenConsent(bool create);
  void RecordPlanted(const std::string& what, const absl::Status& why);

  std::string data_dir_;
  KeyStore* keys_;
  std::unique_ptr<ConsentDb> consent_;
  int consent_slot_ = 0;
  bool consent_reset_ = false;
  std::map<std::string, std::unique_ptr<EventFile>> events_;
  std::map<std::string, int> event_slots_;
  std::vector<StoreIncident> incidents_;
};

// Removes a SQLite database's WAL, shared-memory and journal files, then the
// file itself (in that order: a crash never leaves a stale WAL beside a
// fresh file). With `secure`, overwrites each with zeros first.
absl::Status RemoveDatabaseFiles(const std::string& path, bool secure);

}  // namespace telegate::store_internal

#endif  // TELEGATE_STORE_STORE_H_
