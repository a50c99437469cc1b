// KeyStore: the platform's store for 256-bit keys (Android Keystore, iOS
// Keychain, a 0600 key file per key on desktop).
//
// The client keeps one key for its database ("telegate.db") and one data key
// per open category ("telegate.category.<name>"). Destroying a category key
// makes everything ever written under it unreadable (crypto-shredding).
//
//   absl::StatusOr<telegate::SecretBytes> key = store->Get("telegate.db");
//   if (absl::IsNotFound(key.status())) key = store->Create("telegate.db");
#ifndef TELEGATE_KEY_STORE_H_
#define TELEGATE_KEY_STORE_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "telegate/export.h"
#include "telegate/secret_bytes.h"

namespace telegate {

// Implementations must be thread-safe.
class TELEGATE_EXPORT KeyStore {
 public:
  static constexpr size_t kKeySize = 32;

  virtual ~KeyStore() = default;

  // Returns the key called `name` (kKeySize bytes). kNotFound if there is no
  // such key; kDataLoss if it exists but is unreadable or the wrong size;
  // kPermissionDenied if it exists but cannot be trusted (the store did not
  // make it: on desktop a key file that is a link, owned by another user or
  // not mode 0600). The client destroys an untrusted key, makes a fresh one
  // when it needs one, and reports it (StoreProblem::kPlanted).
  virtual absl::StatusOr<SecretBytes> Get(absl::string_view name) = 0;
  // Creates a fresh random key called `name` and returns it.
  // kAlreadyExists if the name is taken.
  virtual absl::StatusOr<SecretBytes> Create(absl::string_view name) = 0;
  // Destroys the key so that it can never be read again. OK if absent.
  // Destroying an untrusted key removes it without harming anything it
  // points to.
  virtual absl::Status Destroy(absl::string_view name) = 0;
};

}  // namespace telegate

#endif  // TELEGATE_KEY_STORE_H_
