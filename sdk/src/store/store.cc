#include "store/store.h"

#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "util/files.h"
#include "util/status_macros.h"

namespace telegate::store_internal {

using util_internal::JoinPath;

std::string CategoryKeyName(const std::string& category) {
  return absl::StrCat("telegate.category.", category);
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

absl::StatusOr<bool> Store::OpenExisting() {
  const std::string path = ConsentDbPath();
  absl::StatusOr<SecretBytes> key = keys_->Get(kDbKeyName);
  if (absl::IsNotFound(key.status())) {
    if (util_internal::PathExists(path)) {
      return absl::FailedPreconditionError(absl::StrCat(
          "database ", path, " exists but its key \"", kDbKeyName,
          "\" is missing from the key store"));
    }
    return false;
  }
  if (!key.ok()) return key.status();
  if (!util_internal::PathExists(path)) {
    // A key without a database: the install was interrupted between the two
    // steps of Create. Finish it now.
    TELEGATE_ASSIGN_OR_RETURN(consent_, ConsentDb::Open(path, *key, true));
    return true;
  }
  TELEGATE_ASSIGN_OR_RETURN(consent_, ConsentDb::Open(path, *key, false));
  return true;
}

absl::Status Store::Create() {
  if (consent_) return absl::OkStatus();
  absl::StatusOr<SecretBytes> key = keys_->Get(kDbKeyName);
  if (absl::IsNotFound(key.status())) key = keys_->Create(kDbKeyName);
  if (!key.ok()) return key.status();
  TELEGATE_ASSIGN_OR_RETURN(consent_,
                            ConsentDb::Open(ConsentDbPath(), *key, true));
  return util_internal::SyncDirectory(data_dir_);
}

absl::StatusOr<EventFile*> Store::Events(const std::string& category,
                                         bool create) {
  auto it = events_.find(category);
  if (it != events_.end()) return it->second.get();
  const std::string path = EventFilePath(category);
  const std::string key_name = CategoryKeyName(category);
  bool exists = util_internal::PathExists(path);
  absl::StatusOr<SecretBytes> key = keys_->Get(key_name);
  if (absl::IsNotFound(key.status())) {
    if (exists) {
      // Sealed under a destroyed key: unreadable forever. Sweep it.
      TELEGATE_ASSIGN_OR_RETURN(bool removed, Purge(category));
      if (removed) ++lost_files_;
      exists = false;
    }
    if (!create) return nullptr;
    key = keys_->Create(key_name);
  }
  if (!key.ok()) return key.status();
  if (!exists && !create) return nullptr;
  TELEGATE_RETURN_IF_ERROR(util_internal::EnsureDirectory(EventsDir()));
  TELEGATE_ASSIGN_OR_RETURN(std::unique_ptr<EventFile> file,
                            EventFile::Open(path, *key, create));
  EventFile* raw = file.get();
  events_[category] = std::move(file);
  return raw;
}

absl::StatusOr<bool> Store::Purge(const std::string& category) {
  bool existed = events_.erase(category) > 0;  // closes the connection
  // Key first: from here on, every byte ever written under it is unreadable.
  absl::StatusOr<SecretBytes> key = keys_->Get(CategoryKeyName(category));
  if (key.ok()) existed = true;
  TELEGATE_RETURN_IF_ERROR(keys_->Destroy(CategoryKeyName(category)));
  const std::string path = EventFilePath(category);
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::string file = absl::StrCat(path, suffix);
    if (util_internal::PathExists(file)) existed = true;
    TELEGATE_RETURN_IF_ERROR(util_internal::RemoveFile(file));
  }
  if (util_internal::PathExists(EventsDir())) {
    TELEGATE_RETURN_IF_ERROR(util_internal::SyncDirectory(EventsDir()));
  }
  return existed;
}

absl::Status Store::DestroyConsentDb() {
  consent_.reset();
  TELEGATE_RETURN_IF_ERROR(keys_->Destroy(kDbKeyName));
  const std::string path = ConsentDbPath();
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    TELEGATE_RETURN_IF_ERROR(
        util_internal::RemoveFile(absl::StrCat(path, suffix)));
  }
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

void Store::Close() {
  events_.clear();
  consent_.reset();
}

}  // namespace telegate::store_internal
