#include "support/forensics.h"

#include <openssl/evp.h>

#include "absl/strings/str_cat.h"
#include "store/sqlcipher_db.h"
#include "support/test_dir.h"
#include "util/status_macros.h"

namespace telegate::testing {

using store_internal::OpenOptions;
using store_internal::SqlcipherDb;
using store_internal::Statement;

std::vector<std::string> FilesContaining(const std::string& dir,
                                         absl::string_view marker) {
  std::vector<std::string> hits;
  for (const std::string& file : ListFilesRecursively(dir)) {
    if (absl::string_view(ReadFileOrEmpty(file)).find(marker) !=
        absl::string_view::npos) {
      hits.push_back(file);
    }
  }
  return hits;
}

namespace {

// SQLCipher 4 defaults: 4096-byte pages; 80 reserved bytes at the end of each
// page hold the 16-byte IV and the 64-byte HMAC-SHA512.
constexpr size_t kPageSize = 4096;
constexpr size_t kReserve = 80;
constexpr size_t kSaltSize = 16;
constexpr size_t kWalHeader = 32;
constexpr size_t kWalFrameHeader = 24;

// Decrypts one page image. Page 1 starts with the salt, not ciphertext.
bool DecryptPage(const SecretBytes& key, absl::string_view page, bool first,
                 std::string* out) {
  const size_t offset = first ? kSaltSize : 0;
  const unsigned char* iv =
      reinterpret_cast<const unsigned char*>(page.data()) + kPageSize - kReserve;
  const size_t length = kPageSize - kReserve - offset;
  out->assign(length, '\0');
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  int n = 0;
  bool ok = EVP_DecryptInit_ex(ctx, EVP_aes_256_cbc(), nullptr, key.data(), iv) == 1 &&
            EVP_CIPHER_CTX_set_padding(ctx, 0) == 1 &&
            EVP_DecryptUpdate(ctx, reinterpret_cast<unsigned char*>(&(*out)[0]), &n,
                              reinterpret_cast<const unsigned char*>(page.data()) + offset,
                              static_cast<int>(length)) == 1;
  EVP_CIPHER_CTX_free(ctx);
  return ok && static_cast<size_t>(n) == length;
}

}  // namespace

absl::StatusOr<int> DecryptedPagesContaining(const std::string& path,
                                             const SecretBytes& key,
                                             absl::string_view marker) {
  const std::string file = ReadFileOrEmpty(path);
  if (file.size() < kPageSize || file.size() % kPageSize != 0) {
    return absl::DataLossError(absl::StrCat(path, " is not a whole number of pages"));
  }
  std::string plain;
  if (!DecryptPage(key, absl::string_view(file).substr(0, kPageSize), true, &plain)) {
    return absl::InternalError("AES failure");
  }
  // The decrypted header after the salt: page size 4096 (big-endian) at
  // offset 16 of the page, reserved bytes per page at offset 20.
  if (static_cast<unsigned char>(plain[0]) != 0x10 || plain[1] != 0 ||
      static_cast<unsigned char>(plain[4]) != kReserve) {
    return absl::DataLossError(absl::StrCat(path, ": page 1 does not decrypt"));
  }
  int hits = 0;
  for (size_t at = 0; at < file.size(); at += kPageSize) {
    if (!DecryptPage(key, absl::string_view(file).substr(at, kPageSize), at == 0,
                     &plain)) {
      return absl::InternalError("AES failure");
    }
    if (absl::string_view(plain).find(marker) != absl::string_view::npos) ++hits;
  }
  const std::string wal = ReadFileOrEmpty(path + "-wal");
  for (size_t at = kWalHeader; at + kWalFrameHeader + kPageSize <= wal.size();
       at += kWalFrameHeader + kPageSize) {
    const unsigned char* h = reinterpret_cast<const unsigned char*>(wal.data()) + at;
    uint32_t page_no = (uint32_t{h[0]} << 24) | (uint32_t{h[1]} << 16) |
                       (uint32_t{h[2]} << 8) | h[3];
    if (!DecryptPage(key,
                     absl::string_view(wal).substr(at + kWalFrameHeader, kPageSize),
                     page_no == 1, &plain)) {
      return absl::InternalError("AES failure");
    }
    if (absl::string_view(plain).find(marker) != absl::string_view::npos) ++hits;
  }
  return hits;
}

absl::StatusOr<int64_t> CountEventRows(const std::string& path,
                                       const SecretBytes& key) {
  OpenOptions options;
  options.create = false;
  options.read_only = true;
  TELEGATE_ASSIGN_OR_RETURN(std::unique_ptr<SqlcipherDb> db,
                            SqlcipherDb::Open(path, key, options));
  return db->QueryInt64("SELECT count(*) FROM events");
}

}  // namespace telegate::testing
