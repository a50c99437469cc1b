// DropCounts: every event the client did not keep, counted by reason.
#ifndef TELEGATE_DROP_COUNTS_H_
#define TELEGATE_DROP_COUNTS_H_

#include <cstdint>

namespace telegate {

// Counts since the client was opened.
struct DropCounts {
  int64_t closed = 0;           // Track on a closed category (never captured)
  int64_t revoked = 0;          // destroyed by a revoke: buffered or in flight
  int64_t queue_full = 0;       // the in-memory queue was full
  int64_t quota = 0;            // evicted by the byte or row quota
  int64_t expired = 0;          // past its category's retention
  int64_t upload_rejected = 0;  // permanently rejected by the server
  int64_t store_error = 0;      // could not be written (disk full, I/O error)
  int64_t key_lost = 0;         // unreadable because its key was lost
  int64_t anonymized = 0;       // nothing left once identifying data went
};

}  // namespace telegate

#endif  // TELEGATE_DROP_COUNTS_H_
