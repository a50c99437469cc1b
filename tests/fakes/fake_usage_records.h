// FakeUsageRecords: scripted usage statistics that count queries.
#ifndef TELEGATE_TESTS_FAKES_FAKE_USAGE_RECORDS_H_
#define TELEGATE_TESTS_FAKES_FAKE_USAGE_RECORDS_H_

#include "fakes/scripted.h"
#include "telegate/usage_records.h"

namespace telegate::testing {

inline UsageReport DefaultUsageReport() {
  UsageReport r;
  r.records.push_back({"com.example.shop", 120000, 1800000000000});
  r.records.push_back({"com.tencent.mm", 3600000, 1799999000000});
  return r;
}

// Thread-safe.
class FakeUsageRecords : public UsageRecords {
 public:
  absl::StatusOr<UsageReport> Query(absl::Time, absl::Time) override {
    return query.Next();
  }
  Scripted<UsageReport> query{DefaultUsageReport()};
};

}  // namespace telegate::testing

#endif  // TELEGATE_TESTS_FAKES_FAKE_USAGE_RECORDS_H_
