#include "store/store.h"

#include <stdlib.h>

#include <cstring>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "store/schema.h"
#include "util/files.h"
#include "util/status_macros.h"

namespace telegate::store_internal {

using util_internal::JoinPath;
using util_internal::PathExists;

std::string CategoryKeyName(const std::string& category) {
  return absl::StrCat("telegate.category.", category);
}

std::string ConsentTokenName(const std::string& category) {
  return absl::StrCat("telegate.consent.", category);
}

absl::Status RemoveDatabaseFiles(const std::string& path, bool secure) {
  for (const char* suffix : {"-wal", "-shm", "-journal", ""}) {
    const std::string file = absl::StrCat(path, suffix);
    TELEGATE_RETURN_IF_ERROR(secure ? util_internal::SecureRemoveFile(file)
                                    : util_internal::RemoveFile(file));
  }
  return absl::OkStatus();
}

Store::Store(std::string data_dir, KeyStore* keys)
    : data_dir_(std::move(data_dir)), keys_(keys) {}

Store::~Store() { Close(); }

std::string Store::ConsentDbPath() const {
  return JoinPath(data_dir_, kConsentDbFile);
}
std::string Store::EventsDir() const { return JoinPath(data_dir_, kEventsDir); }
std::string Store::EventFilePath(const std::string& category) const {
  return JoinPath(EventsDir(), absl::StrCat(category, kEventFileSuffix));
}

std::string Store::SlotName(const std::string& base, int slot) const {
  return slot == 0 ? base : absl::StrCat(base, kAltKeySuffix);
}

namespace {

// A key store that overwrites a key before deleting it (the desktop one
// does) leaves an all-zero key if it is killed in between: that key was
// being destroyed, and opens nothing.
bool IsZero(const SecretBytes& key) {
  uint8_t any = 0;
  for (size_t i = 0; i < key.size(); ++i) any |= key.data()[i];
  return any == 0;
}

}  // namespace

absl::StatusOr<std::vector<Store::FoundKey>> Store::FindKeys(
    const std::string& base) {
  std::vector<FoundKey> found;
  for (int slot = 0; slot < 2; ++slot) {
    absl::StatusOr<SecretBytes> key = keys_->Get(SlotName(base, slot));
    if (key.ok() && !IsZero(*key)) {
      found.push_back(FoundKey{*std::move(key), slot});
    } else if (absl::IsPermissionDenied(key.status())) {
      // Planted (another owner, readable by others, a link): never used.
      TELEGATE_RETURN_IF_ERROR(keys_->Destroy(SlotName(base, slot)));
      RecordPlanted(absl::StrCat("key ", SlotName(base, slot)), key.status());
    } else if (key.ok() || absl::IsDataLoss(key.status())) {
      // An unreadable key, or one half destroyed, opens nothing: finish
      // destroying it.
      TELEGATE_RETURN_IF_ERROR(keys_->Destroy(SlotName(base, slot)));
    } else if (!absl::IsNotFound(key.status())) {
      return key.status();
    }
  }
  if (found.empty()) {
    return absl::NotFoundError(
        absl::StrCat("the key store has no key \"", base, "\""));
  }
  return found;
}

absl::Status Store::DestroyKeys(const std::string& base) {
  TELEGATE_RETURN_IF_ERROR(keys_->Destroy(SlotName(base, 0)));
  return keys_->Destroy(SlotName(base, 1));
}

absl::StatusOr<SecretBytes> Store::CreateKey(const std::string& base,
                                             int slot) {
  const std::string name = SlotName(base, slot);
  absl::StatusOr<SecretBytes> key = keys_->Create(name);
  if (absl::IsAlreadyExists(key.status())) {
    // A leftover of an interrupted rotation: never reuse a key.
    TELEGATE_RETURN_IF_ERROR(keys_->Destroy(name));
    key = keys_->Create(name);
  }
  return key;
}

template <typename T, typename OpenFn>
absl::StatusOr<std::unique_ptr<T>> Store::OpenWithKeys(
    const std::string& base, std::vector<FoundKey> keys, int* slot,
    OpenFn open) {
  absl::Status last = absl::DataLossError("no key");
  for (size_t i = 0; i < keys.size(); ++i) {
    absl::StatusOr<std::unique_ptr<T>> opened = open(keys[i].key);
    if (opened.ok()) {
      *slot = keys[i].slot;
      // The other slot is what an interrupted rotation left: the old key
      // (rotation finished) or an unused new one (it did not). Either way it
      // must not outlive this moment.
      for (size_t j = 0; j < keys.size(); ++j) {
        if (j != i) {
          TELEGATE_RETURN_IF_ERROR(
              keys_->Destroy(SlotName(base, keys[j].slot)));
        }
      }
      return opened;
    }
    if (!absl::IsDataLoss(opened.status())) return opened.status();
    last = opened.status();
  }
  return last;
}

void Store::RecordPlanted(const std::string& what, const absl::Status& why) {
  StoreIncident incident;
  incident.problem = StoreProblem::kPlanted;
  incident.file = what;
  incident.detail = std::string(why.message());
  incident.events_lost = 0;
  incidents_.push_back(std::move(incident));
}

absl::Status Store::ResolveDataDir() {
  char* resolved = ::realpath(data_dir_.c_str(), nullptr);
  if (resolved == nullptr) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot resolve data directory ", data_dir_));
  }
  data_dir_ = resolved;
  ::free(resolved);
  return absl::OkStatus();
}

absl::Status Store::RemovePlantedLinks() {
  for (const std::string& dir : {data_dir_, EventsDir()}) {
    TELEGATE_ASSIGN_OR_RETURN(std::vector<std::string> links,
                              util_internal::RemoveSymlinks(dir));
    for (const std::string& name : links) {
      const std::string path = util_internal::JoinPath(dir, name);
      RecordPlanted(path.substr(data_dir_.size() + 1),
                    absl::FailedPreconditionError(
                        "a symbolic link in the data directory: removed, "
                        "not followed"));
    }
  }
  return absl::OkStatus();
}

absl::Status Store::Discard(const std::string& path,
                            const std::string& key_base,
                            const std::string& category, StoreProblem problem,
                            const absl::Status& why, int64_t events_lost) {
  // Keys first: whatever survives of the file is unreadable from here on.
  TELEGATE_RETURN_IF_ERROR(DestroyKeys(key_base));
  TELEGATE_RETURN_IF_ERROR(RemoveDatabaseFiles(path, /*secure=*/true));
  StoreIncident incident;
  incident.problem = problem;
  incident.file = absl::StartsWith(path, data_dir_ + "/")
                      ? path.substr(data_dir_.size() + 1)
                      : path;
  incident.category = category;
  incident.detail = std::string(why.message());
  incident.events_lost = events_lost;
  incidents_.push_back(std::move(incident));
  return absl::OkStatus();
}

namespace {

// What an open failure means for the file, or nullopt if it is transient
// (the file must be left alone).
std::optional<StoreProblem> ProblemOf(const absl::Status& status) {
  if (absl::IsDataLoss(status)) return StoreProblem::kUndecryptable;
  if (IsNewerSchema(status)) return StoreProblem::kNewerSchema;
  return std::nullopt;
}

}  // namespace

absl::Status Store::OpenConsent(bool create) {
  const std::string path = ConsentDbPath();
  absl::StatusOr<std::vector<FoundKey>> keys = FindKeys(kDbKeyName);
  if (!keys.ok()) return keys.status();
  if (create) {
    // A key without a database: the install was interrupted between the
    // two steps of Create. Finish it now.
    TELEGATE_RETURN_IF_ERROR(RemoveDatabaseFiles(path, /*secure=*/false));
    FoundKey& key = (*keys)[0];
    TELEGATE_ASSIGN_OR_RETURN(consent_, ConsentDb::Open(path, key.key, true));
    consent_slot_ = key.slot;
    if (keys->size() > 1) {
      TELEGATE_RETURN_IF_ERROR(
          keys_->Destroy(SlotName(kDbKeyName, (*keys)[1].slot)));
    }
    return absl::OkStatus();
  }
  TELEGATE_ASSIGN_OR_RETURN(
      consent_,
      OpenWithKeys<ConsentDb>(kDbKeyName, *std::move(keys), &consent_slot_,
                              [&path](const SecretBytes& key) {
                                return ConsentDb::Open(path, key, false);
                              }));
  return absl::OkStatus();
}

absl::StatusOr<bool> Store::OpenExisting() {
  const std::string path = ConsentDbPath();
  const bool exists = PathExists(path);
  absl::StatusOr<std::vector<FoundKey>> keys = FindKeys(kDbKeyName);
  if (absl::IsNotFound(keys.status())) {
    if (!exists) return false;  // a fresh install
    TELEGATE_RETURN_IF_ERROR(ResetConsent(keys.status()));
    return true;
  }
  if (!keys.ok()) return keys.status();
  if (!exists) {
    // A key without a database: planted, or an install interrupted before
    // its first consent was recorded. Nothing was consented under it.
    TELEGATE_RETURN_IF_ERROR(DestroyKeys(kDbKeyName));
    return false;
  }
  absl::Status status = OpenConsent(/*create=*/false);
  if (status.ok()) return true;
  if (!ProblemOf(status)) return status;
  TELEGATE_RETURN_IF_ERROR(ResetConsent(status));
  return true;
}

bool Store::OpenConsentIfReadable() {
  if (consent_) return true;
  if (!PathExists(ConsentDbPath())) return false;
  return OpenConsent(/*create=*/false).ok();
}

absl::Status Store::ResetConsent(const absl::Status& why) {
  consent_.reset();
  std::optional<StoreProblem> problem = ProblemOf(why);
  TELEGATE_RETURN_IF_ERROR(Discard(
      ConsentDbPath(), kDbKeyName, "",
      absl::IsNotFound(why) ? StoreProblem::kKeyMissing
                            : problem.value_or(StoreProblem::kUndecryptable),
      why, -1));
  consent_reset_ = true;
  return Create();
}

absl::Status Store::Create() {
  if (consent_) return absl::OkStatus();
  absl::StatusOr<std::vector<FoundKey>> keys = FindKeys(kDbKeyName);
  if (absl::IsNotFound(keys.status())) {
    TELEGATE_RETURN_IF_ERROR(CreateKey(kDbKeyName, 0).status());
  } else if (!keys.ok()) {
    return keys.status();
  }
  TELEGATE_RETURN_IF_ERROR(OpenConsent(/*create=*/true));
  return util_internal::SyncDirectory(data_dir_);
}

absl::StatusOr<EventFile*> Store::Events(const std::string& category,
                                         bool create) {
  auto it = events_.find(category);
  if (it != events_.end()) return it->second.get();
  const std::string path = EventFilePath(category);
  const std::string base = CategoryKeyName(category);
  bool exists = PathExists(path);
  absl::StatusOr<std::vector<FoundKey>> keys = FindKeys(base);
  if (!keys.ok() && !absl::IsNotFound(keys.status())) return keys.status();
  if (exists && !keys.ok()) {
    // Sealed under a key that is gone: unreadable forever.
    TELEGATE_RETURN_IF_ERROR(Discard(
        path, base, category, StoreProblem::kKeyMissing, keys.status(), -1));
    exists = false;
  }
  if (exists) {
    int slot = 0;
    absl::StatusOr<std::unique_ptr<EventFile>> file = OpenWithKeys<EventFile>(
        base, *std::move(keys), &slot,
        [&path, &category](const SecretBytes& key) {
          return EventFile::Open(path, key, category, /*create=*/false);
        });
    if (file.ok()) {
      EventFile* raw = file->get();
      events_[category] = *std::move(file);
      event_slots_[category] = slot;
      return raw;
    }
    std::optional<StoreProblem> problem = ProblemOf(file.status());
    if (!problem) return file.status();
    TELEGATE_RETURN_IF_ERROR(
        Discard(path, base, category, *problem, file.status(), -1));
    keys = absl::NotFoundError("discarded");
  }
  if (!create) return nullptr;
  TELEGATE_RETURN_IF_ERROR(util_internal::EnsureDirectory(EventsDir()));
  // A WAL left by an earlier file of this name must never meet a new one.
  TELEGATE_RETURN_IF_ERROR(RemoveDatabaseFiles(path, /*secure=*/false));
  SecretBytes key;
  int slot = 0;
  if (keys.ok()) {
    key = std::move((*keys)[0].key);
    slot = (*keys)[0].slot;
    if (keys->size() > 1) {
      TELEGATE_RETURN_IF_ERROR(keys_->Destroy(SlotName(base, (*keys)[1].slot)));
    }
  } else {
    TELEGATE_ASSIGN_OR_RETURN(key, CreateKey(base, 0));
  }
  TELEGATE_ASSIGN_OR_RETURN(std::unique_ptr<EventFile> file,
                            EventFile::Open(path, key, category, true));
  TELEGATE_RETURN_IF_ERROR(util_internal::SyncDirectory(EventsDir()));
  EventFile* raw = file.get();
  events_[category] = std::move(file);
  event_slots_[category] = slot;
  return raw;
}

EventFile* Store::OpenEvents(const std::string& category) const {
  auto it = events_.find(category);
  return it == events_.end() ? nullptr : it->second.get();
}

absl::Status Store::ReplaceEvents(const std::string& category,
                                  const absl::Status& why) {
  int64_t lost = -1;
  auto it = events_.find(category);
  if (it != events_.end()) {
    lost = it->second->count();
    it->second->db()->SkipCheckpointOnClose();
    events_.erase(it);
  }
  event_slots_.erase(category);
  return Discard(EventFilePath(category), CategoryKeyName(category), category,
                 StoreProblem::kUndecryptable, why, lost);
}

absl::StatusOr<bool> Store::Purge(const std::string& category) {
  bool existed = false;
  auto it = events_.find(category);
  if (it != events_.end()) {
    existed = true;
    // The file is about to be deleted: closing must not rewrite it.
    it->second->db()->SkipCheckpointOnClose();
    events_.erase(it);  // closes the connection
  }
  event_slots_.erase(category);
  // Keys first: from here on, every byte ever written under them is
  // unreadable, wherever it lies.
  TELEGATE_RETURN_IF_ERROR(DestroyKeys(CategoryKeyName(category)));
  const std::string path = EventFilePath(category);
  if (PathExists(path)) existed = true;
  TELEGATE_RETURN_IF_ERROR(RemoveDatabaseFiles(path, /*secure=*/false));
  if (existed && PathExists(EventsDir())) {
    TELEGATE_RETURN_IF_ERROR(util_internal::SyncDirectory(EventsDir()));
  }
  return existed;
}

absl::Status Store::RemoveStrayEvents(const std::string& name) {
  return RemoveDatabaseFiles(EventFilePath(name), /*secure=*/true);
}

absl::Status Store::RotateKeys() {
  // Rotates one file: new key in the free slot, rekey, destroy the old slot.
  // On failure the file is closed; the caller reopens it with whichever
  // slot opens it.
  auto rotate = [this](const std::string& base, int* slot,
                       SqlcipherDb* db) -> absl::Status {
    const int next = 1 - *slot;
    TELEGATE_ASSIGN_OR_RETURN(SecretBytes key, CreateKey(base, next));
    TELEGATE_RETURN_IF_ERROR(db->Rekey(key));
    const int old = *slot;
    *slot = next;
    TELEGATE_RETURN_IF_ERROR(db->CheckpointTruncate());
    return keys_->Destroy(SlotName(base, old));
  };
  if (consent_) {
    absl::Status status = rotate(kDbKeyName, &consent_slot_, consent_->db());
    if (!status.ok()) {
      consent_.reset();
      absl::Status reopened = OpenConsent(/*create=*/false);
      return reopened.ok() ? status : reopened;
    }
  }
  for (auto& [category, file] : events_) {
    absl::Status status =
        rotate(CategoryKeyName(category), &event_slots_[category], file->db());
    if (!status.ok()) {
      const std::string name = category;
      events_.erase(name);
      event_slots_.erase(name);
      absl::Status reopened = Events(name, /*create=*/false).status();
      return reopened.ok() ? status : reopened;
    }
  }
  return absl::OkStatus();
}

bool Store::HasKeys(const std::string& category) {
  return FindKeys(CategoryKeyName(category)).ok();
}

absl::Status Store::EnsureConsentToken(const std::string& category) {
  TELEGATE_ASSIGN_OR_RETURN(bool has, HasConsentToken(category));
  if (has) return absl::OkStatus();
  // (HasConsentToken has destroyed a half-destroyed or untrusted one.)
  return keys_->Create(ConsentTokenName(category)).status();
}

absl::Status Store::DestroyConsentToken(const std::string& category) {
  return keys_->Destroy(ConsentTokenName(category));
}

absl::StatusOr<bool> Store::HasConsentToken(const std::string& category) {
  absl::StatusOr<SecretBytes> token = keys_->Get(ConsentTokenName(category));
  if (token.ok() && !IsZero(*token)) return true;
  if (absl::IsNotFound(token.status())) return false;
  if (token.ok()) {
    // All zeros: a destroy was interrupted between overwrite and removal.
    TELEGATE_RETURN_IF_ERROR(DestroyConsentToken(category));
    return false;
  }
  if (absl::IsDataLoss(token.status()) ||
      absl::IsPermissionDenied(token.status())) {
    // Unreadable or planted: it proves nothing. Gone, like a revoke.
    if (absl::IsPermissionDenied(token.status())) {
      RecordPlanted(absl::StrCat("key ", ConsentTokenName(category)),
                    token.status());
    }
    TELEGATE_RETURN_IF_ERROR(DestroyConsentToken(category));
    return false;
  }
  return token.status();
}

absl::Status Store::SweepOrphans() {
  for (const std::string& dir : {data_dir_, EventsDir()}) {
    TELEGATE_ASSIGN_OR_RETURN(std::vector<std::string> names,
                              util_internal::ListFiles(dir));
    for (const std::string& name : names) {
      for (const char* suffix : {"-wal", "-shm", "-journal"}) {
        if (!absl::EndsWith(name, suffix)) continue;
        const std::string db = name.substr(0, name.size() - strlen(suffix));
        if (absl::EndsWith(db, kEventFileSuffix) &&
            !PathExists(JoinPath(dir, db))) {
          TELEGATE_RETURN_IF_ERROR(
              util_internal::RemoveFile(JoinPath(dir, name)));
        }
      }
    }
  }
  return absl::OkStatus();
}

absl::Status Store::DestroyConsentDb() {
  if (consent_) consent_->db()->SkipCheckpointOnClose();
  consent_.reset();
  // Both key slots first, then the files (WAL before the database).
  TELEGATE_RETURN_IF_ERROR(DestroyKeys(kDbKeyName));
  TELEGATE_RETURN_IF_ERROR(
      RemoveDatabaseFiles(ConsentDbPath(), /*secure=*/false));
  return util_internal::SyncDirectory(data_dir_);
}

absl::StatusOr<std::vector<std::string>> Store::CategoriesOnDisk() const {
  TELEGATE_ASSIGN_OR_RETURN(std::vector<std::string> names,
                            util_internal::ListFiles(EventsDir()));
  std::vector<std::string> categories;
  for (const std::string& name : names) {
    if (absl::EndsWith(name, kEventFileSuffix)) {
      categories.push_back(
          name.substr(0, name.size() - (sizeof(kEventFileSuffix) - 1)));
    }
  }
  return categories;
}

absl::Status Store::ReopenEvents() {
  std::vector<std::string> names;
  for (const auto& [category, file] : events_) names.push_back(category);
  events_.clear();  // closes: SQLite's memory for them is released, wiped
  event_slots_.clear();
  absl::Status first_error;
  for (const std::string& name : names) {
    absl::Status reopened = Events(name, /*create=*/false).status();
    if (!reopened.ok() && first_error.ok()) first_error = reopened;
  }
  return first_error;
}

void Store::Close() {
  events_.clear();
  event_slots_.clear();
  consent_.reset();
}

}  // namespace telegate::store_internal
