// CollectionReport: what one run of a category's collector captured, as
// Client::Collect returns it (the sample app prints it).
//
//   absl::StatusOr<telegate::CollectionReport> r =
//       client->Collect("device.basic");
//   for (const auto& e : r->events) ...  // e.name, e.fields
#ifndef TELEGATE_COLLECTION_REPORT_H_
#define TELEGATE_COLLECTION_REPORT_H_

#include <string>
#include <utility>
#include <vector>

namespace telegate {

struct CollectedEventReport {
  std::string name;  // the catalog's event name, e.g. "device_info"
  // The attributes queued for storage, in order, values as text.
  std::vector<std::pair<std::string, std::string>> fields;
};

struct CollectionReport {
  std::string category;
  // Events queued for the writer thread (stored unless a revoke intervenes).
  std::vector<CollectedEventReport> events;
  // Problems with the platform's input in this run (also counted in
  // CategoryStatus::collection_warnings).
  std::vector<std::string> warnings;
};

}  // namespace telegate

#endif  // TELEGATE_COLLECTION_REPORT_H_
