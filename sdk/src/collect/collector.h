// Collector: reads one category's data from the platform seams and turns it
// into events of that category.
//
// Consent is a type here too: a collector is constructed only from a
// GrantToken of its category (which only the Gate mints, and only while the
// category is open), and Collect takes the token again. The collection
// engine (collection.h) asks the Gate first; for a closed category it
// constructs nothing, so no platform method behind it is ever touched.
//
// Data minimisation happens in the collector: it reads only what its
// category declares, replaces identifiers and hardware addresses by
// app-scoped hashes (CollectContext::AppScopedHash) and coarsens what the
// category says is coarse. The engine then drops any attribute the catalog
// does not declare.
//
//   class MyCollector : public Collector {
//     absl::Status Collect(const GrantToken&, CollectContext& context,
//                          std::vector<CollectedEvent>* out) override;
//   };
#ifndef TELEGATE_COLLECT_COLLECTOR_H_
#define TELEGATE_COLLECT_COLLECTOR_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "collect/collected_event.h"
#include "consent/grant_token.h"
#include "telegate/env.h"

namespace telegate::collect_internal {

// What a collector may use besides its platform seam. Owned by the writer
// thread, valid for one Collect call.
class CollectContext {
 public:
  virtual ~CollectContext() = default;
  // The platform clock.
  virtual absl::Time Now() = 0;
  // HMAC-SHA256 of `raw`, keyed by the app id and separated by `kind`
  // ("device_id", "bssid"...), as 32 hex digits. The same device gives the
  // same value in one app and unrelated values in two apps.
  virtual std::string AppScopedHash(absl::string_view kind,
                                    absl::string_view raw) = 0;
  // The install id of the granted category, created on first use in that
  // category's own encrypted file (so a revoke destroys it).
  virtual absl::StatusOr<std::string> InstallId(
      const consent_internal::GrantToken& grant) = 0;
  // Records a problem with the platform's input (counted per category).
  virtual void Warn(std::string message) = 0;

  void WarnAll(const std::vector<std::string>& messages) {
    for (const std::string& m : messages) Warn(m);
  }
};

// Thread-compatible; runs on the writer thread.
class Collector {
 public:
  virtual ~Collector() = default;
  // Reads the platform and appends the events it captured to `out`. Returns
  // an error only when the platform gave nothing usable; `out` may hold
  // partial events either way.
  virtual absl::Status Collect(const consent_internal::GrantToken& grant,
                               CollectContext& context,
                               std::vector<CollectedEvent>* out) = 0;
};

// Constructs a category's collector. Returns nullptr if `env` lacks the
// seam the collector needs (the platform cannot provide the category).
using CollectorFactory = std::unique_ptr<Collector> (*)(
    const consent_internal::GrantToken& grant, const Env& env);

// A collector declares, as data, the category and the event it records.
struct CollectorSpec {
  const char* category;  // catalog name, e.g. "device.basic"
  const char* event;     // the category's event, e.g. "device_info"
  CollectorFactory make;
};

}  // namespace telegate::collect_internal

#endif  // TELEGATE_COLLECT_COLLECTOR_H_
