#include "consent/ledger.h"

#include <openssl/evp.h>

#include "absl/strings/str_cat.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"

namespace telegate::consent_internal {

std::string Sha256(absl::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &size, EVP_sha256(),
                 nullptr) != 1) {
    return std::string();
  }
  return std::string(reinterpret_cast<const char*>(digest), size);
}

std::string GenesisHash() { return std::string(kLedgerHashSize, '\0'); }

std::string CanonicalBytes(const proto::LedgerEntry& entry) {
  entry.ByteSizeLong();  // SerializeWithCachedSizes needs the cached sizes
  std::string out;
  {
    google::protobuf::io::StringOutputStream raw(&out);
    google::protobuf::io::CodedOutputStream coded(&raw);
    coded.SetSerializationDeterministic(true);
    entry.SerializeWithCachedSizes(&coded);
  }
  return out;
}

proto::LedgerRecord SealEntry(const proto::LedgerEntry& entry) {
  proto::LedgerRecord record;
  record.set_entry(CanonicalBytes(entry));
  record.set_hash(Sha256(record.entry()));
  return record;
}

absl::Status VerifyChain(absl::Span<const proto::LedgerRecord> records) {
  std::string prev = GenesisHash();
  uint64_t expected_seq = 1;
  for (const proto::LedgerRecord& record : records) {
    proto::LedgerEntry entry;
    if (!entry.ParseFromString(record.entry())) {
      return absl::DataLossError(absl::StrCat(
          "ledger record ", expected_seq, " is not a valid entry"));
    }
    if (Sha256(record.entry()) != record.hash()) {
      return absl::DataLossError(absl::StrCat(
          "ledger entry ", entry.seq(), ": content does not match its hash"));
    }
    if (CanonicalBytes(entry) != record.entry()) {
      return absl::DataLossError(absl::StrCat(
          "ledger entry ", entry.seq(), " is not in canonical form"));
    }
    if (entry.seq() != expected_seq) {
      return absl::DataLossError(absl::StrCat("ledger entry ", expected_seq,
                                              " is missing or out of order"));
    }
    if (entry.prev_hash() != prev) {
      return absl::DataLossError(absl::StrCat(
          "ledger entry ", entry.seq(),
          " does not link to the entry before it"));
    }
    prev = record.hash();
    ++expected_seq;
  }
  return absl::OkStatus();
}

}  // namespace telegate::consent_internal
