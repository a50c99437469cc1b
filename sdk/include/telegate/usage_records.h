// UsageRecords: per-application usage statistics, for the device.usage
// collector (called only while that category is open).
//
// Android implements it over UsageStatsManager (PACKAGE_USAGE_STATS); iOS
// has no such API; desktop reads the host's device script.
#ifndef TELEGATE_USAGE_RECORDS_H_
#define TELEGATE_USAGE_RECORDS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "telegate/export.h"

namespace telegate {

struct UsageRecord {
  std::string package;
  std::optional<int64_t> foreground_ms;  // time in the foreground
  std::optional<int64_t> last_used_ms;   // ms since the Unix epoch
};

struct UsageReport {
  std::vector<UsageRecord> records;
  std::vector<std::string> warnings;  // input problems; see LocationFix
};

// Implementations must be thread-safe.
class TELEGATE_EXPORT UsageRecords {
 public:
  virtual ~UsageRecords() = default;
  // Usage between `since` and `until`. kUnavailable if there is no source.
  virtual absl::StatusOr<UsageReport> Query(absl::Time since,
                                            absl::Time until) = 0;
};

}  // namespace telegate

#endif  // TELEGATE_USAGE_RECORDS_H_
