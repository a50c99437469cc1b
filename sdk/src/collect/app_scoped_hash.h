// AppScopedHasher: turns device identifiers and hardware addresses into
// app-scoped pseudonyms — HMAC-SHA256 keyed by a key derived from the app id,
// with the kind of identifier as a prefix — so the same device gives the
// same value within one app and unrelated values across apps, and the raw
// value is never stored.
//
// Not a secret: anyone who knows the app id can test a guess. A 128-bit
// machine id cannot be guessed; a 48-bit hardware address (half of it a
// public vendor prefix) can, by brute force. The hash keeps such values out
// of the database and out of joins with other apps; it is not anonymity.
//
//   AppScopedHasher hasher("com.example.shop");
//   std::string h = hasher.Hash("bssid", "aa:bb:cc:dd:ee:ff");  // 32 hex
#ifndef TELEGATE_COLLECT_APP_SCOPED_HASH_H_
#define TELEGATE_COLLECT_APP_SCOPED_HASH_H_

#include <string>

#include "absl/strings/string_view.h"
#include "telegate/secret_bytes.h"

namespace telegate::collect_internal {

// Thread-safe (immutable after construction).
class AppScopedHasher {
 public:
  explicit AppScopedHasher(absl::string_view app_id);

  // The first 128 bits of HMAC-SHA256(key, kind || 0x00 || raw), as 32
  // lower-case hex digits.
  std::string Hash(absl::string_view kind, absl::string_view raw) const;

 private:
  SecretBytes key_;
};

}  // namespace telegate::collect_internal

#endif  // TELEGATE_COLLECT_APP_SCOPED_HASH_H_
