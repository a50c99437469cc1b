// HealthBoard: the store's health as the writer thread publishes it for
// GetStoreHealth, so that reading it never waits for the writer.
#ifndef TELEGATE_CLIENT_HEALTH_BOARD_H_
#define TELEGATE_CLIENT_HEALTH_BOARD_H_

#include <utility>
#include <vector>

#include "client/client_log.h"
#include "telegate/store_health.h"
#include "util/mutex.h"

namespace telegate::client_internal {

// Thread-safe.
class HealthBoard {
 public:
  // Appends incidents (each replaced a database), keeping the newest
  // StoreHealth::kMaxIncidents. Each is logged (kWarning) on the calling
  // thread.
  void AddIncidents(std::vector<StoreIncident> incidents, bool consent_reset) {
    for (const StoreIncident& incident : incidents) LogIncident(incident);
    MutexLock lock(&mu_);
    health_.consent_reset = health_.consent_reset || consent_reset;
    for (StoreIncident& incident : incidents) {
      ++health_.databases_replaced;
      health_.incidents.push_back(std::move(incident));
    }
    if (health_.incidents.size() > StoreHealth::kMaxIncidents) {
      health_.incidents.erase(
          health_.incidents.begin(),
          health_.incidents.end() - StoreHealth::kMaxIncidents);
    }
  }
  // A change is logged on the calling thread (LogStoreErrorChange).
  void SetLastError(absl::Status status) {
    absl::Status before;
    {
      MutexLock lock(&mu_);
      before = std::exchange(health_.last_error, status);
    }
    LogStoreErrorChange(before, status);
  }
  StoreHealth Snapshot() const {
    MutexLock lock(&mu_);
    return health_;
  }

 private:
  mutable Mutex mu_;
  StoreHealth health_ ABSL_GUARDED_BY(mu_);
};

}  // namespace telegate::client_internal

#endif  // TELEGATE_CLIENT_HEALTH_BOARD_H_
