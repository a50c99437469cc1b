#include "collect/app_scoped_hash.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <string>

#include "absl/strings/str_cat.h"

namespace telegate::collect_internal {

namespace {
constexpr char kKeyLabel[] = "telegate/app-scoped-id/v1/";
constexpr size_t kHashBytes = 16;
}  // namespace

AppScopedHasher::AppScopedHasher(absl::string_view app_id) {
  std::string label = absl::StrCat(kKeyLabel, app_id);
  unsigned char key[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(label.data()), label.size(),
         key);
  key_ = SecretBytes(key, sizeof(key));
  OPENSSL_cleanse(key, sizeof(key));
}

std::string AppScopedHasher::Hash(absl::string_view kind,
                                  absl::string_view raw) const {
  std::string message;
  message.reserve(kind.size() + 1 + raw.size());
  message.append(kind.data(), kind.size());
  message.push_back('\0');
  message.append(raw.data(), raw.size());
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_size = 0;
  HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
       mac, &mac_size);
  OPENSSL_cleanse(&message[0], message.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * kHashBytes);
  for (size_t i = 0; i < kHashBytes && i < mac_size; ++i) {
    out.push_back(kHex[mac[i] >> 4]);
    out.push_back(kHex[mac[i] & 0xf]);
  }
  return out;
}

}  // namespace telegate::collect_internal
