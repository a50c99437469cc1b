// FileKeyStore: the desktop KeyStore — one 0600 file of 32 random bytes per
// key, in a 0700 directory.
//
//   telegate::desktop::FileKeyStore keys(data_dir + "/keys");
//   absl::StatusOr<telegate::SecretBytes> key = keys.Create("telegate.db");
#ifndef TELEGATE_DESKTOP_FILE_KEY_STORE_H_
#define TELEGATE_DESKTOP_FILE_KEY_STORE_H_

#include <mutex>
#include <string>

#include "telegate/export.h"
#include "telegate/key_store.h"

namespace telegate::desktop {

// Thread-safe.
class TELEGATE_EXPORT FileKeyStore : public KeyStore {
 public:
  // `dir` is created (0700) when the first key is created.
  explicit FileKeyStore(std::string dir);

  // kFailedPrecondition if the key file is readable by group or others
  // (as ssh refuses such keys); kDataLoss if it is not exactly 32 bytes.
  absl::StatusOr<SecretBytes> Get(absl::string_view name) override;
  absl::StatusOr<SecretBytes> Create(absl::string_view name) override;
  // Overwrites the file with zeros, syncs it, then removes it.
  absl::Status Destroy(absl::string_view name) override;

  const std::string& dir() const { return dir_; }
  // The file that holds key `name`.
  std::string PathFor(absl::string_view name) const;

 private:
  std::string dir_;
  std::mutex mu_;
};

}  // namespace telegate::desktop

#endif  // TELEGATE_DESKTOP_FILE_KEY_STORE_H_
