// Forensics: look at the bytes. Helpers for tests that prove revoked data is
// gone by reading files and decrypted database pages, not the API.
#ifndef TELEGATE_TESTS_SUPPORT_FORENSICS_H_
#define TELEGATE_TESTS_SUPPORT_FORENSICS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "telegate/secret_bytes.h"

namespace telegate::testing {

// Files below `dir` whose raw bytes contain `marker`.
std::vector<std::string> FilesContaining(const std::string& dir,
                                         absl::string_view marker);

// Decrypts every page of the SQLCipher 4 file at `path` with the raw `key`
// (AES-256-CBC, the IV in each page's reserved tail), independently of
// SQLite: live pages, free pages, and every frame of the `-wal` file alike.
// Returns how many decrypted pages contain `marker`; kDataLoss if page 1
// does not decrypt to a valid header (wrong key or not SQLCipher 4).
absl::StatusOr<int> DecryptedPagesContaining(const std::string& path,
                                             const SecretBytes& key,
                                             absl::string_view marker);

// Rows of the events table in the event file at `path`.
absl::StatusOr<int64_t> CountEventRows(const std::string& path,
                                       const SecretBytes& key);

}  // namespace telegate::testing

#endif  // TELEGATE_TESTS_SUPPORT_FORENSICS_H_
