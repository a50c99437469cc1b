// The consent ledger's hash chain: canonical entry bytes, SHA-256 sealing and
// verification. Storage lives in store/ledger_table.h.
//
// Each record holds an entry's canonical bytes and their SHA-256; each entry
// carries the previous record's hash (32 zero bytes for the first), and seq
// numbers run 1, 2, 3 ... So editing, inserting, deleting or reordering any
// record breaks verification from that record on.
//
//   proto::LedgerRecord r = SealEntry(entry);   // entry.prev_hash set first
//   absl::Status ok = VerifyChain(records);
#ifndef TELEGATE_CONSENT_LEDGER_H_
#define TELEGATE_CONSENT_LEDGER_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "telegate/ledger.pb.h"

namespace telegate::consent_internal {

constexpr size_t kLedgerHashSize = 32;

// SHA-256 of `data` (32 raw bytes).
std::string Sha256(absl::string_view data);

// The hash the first entry links to.
std::string GenesisHash();

// Deterministic serialization of `entry` (field order, no unknown fields).
std::string CanonicalBytes(const proto::LedgerEntry& entry);

// The stored form of `entry`.
proto::LedgerRecord SealEntry(const proto::LedgerEntry& entry);

// OK if `records` form an unbroken chain from the genesis hash. kDataLoss
// naming the first record that does not verify.
absl::Status VerifyChain(absl::Span<const proto::LedgerRecord> records);

}  // namespace telegate::consent_internal

#endif  // TELEGATE_CONSENT_LEDGER_H_
