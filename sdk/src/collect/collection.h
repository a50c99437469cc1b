// Collection: runs a category's platform collector on the writer thread and
// sends what it captured down the same path as Track (grant token -> encode
// -> queue -> writer commit with the epoch re-check).
//
// Run asks the Gate first. For a closed category it returns
// kPermissionDenied before constructing anything, so no platform method
// behind the category is touched. Because Run and every revocation purge run
// on the same writer thread, once a revoke has returned no collection of that
// category is running or can start; events captured just before it are
// dropped by the commit's epoch check.
//
// Every event is checked against the catalog before it is queued: attributes
// the policy does not declare are dropped (so a host policy can narrow a
// collector), and so are values that would not validate (malformed UTF-8,
// oversized strings), each counted as a warning. The fields that are valid
// are still recorded.
//
//   Collection collection(std::move(deps));
//   absl::StatusOr<CollectionReport> r = collection.Run(id);  // writer thread
#ifndef TELEGATE_COLLECT_COLLECTION_H_
#define TELEGATE_COLLECT_COLLECTION_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "catalog/catalog.h"
#include "collect/app_scoped_hash.h"
#include "collect/collector.h"
#include "consent/gate.h"
#include "store/store.h"
#include "telegate/collection_report.h"
#include "telegate/env.h"

namespace telegate::collect_internal {

// Run is thread-compatible (writer thread); HasCollector is thread-safe.
class Collection {
 public:
  struct Deps {
    const Env* env = nullptr;                            // must outlive
    const catalog_internal::Catalog* catalog = nullptr;  // must outlive
    const consent_internal::Gate* gate = nullptr;        // must outlive
    store_internal::Store* store = nullptr;  // writer-owned; must outlive
    std::string app_id;
    // Queues one event captured under `grant`: Track's path after the gate.
    // Thread-safe.
    std::function<absl::Status(const consent_internal::GrantToken& grant,
                               const proto::EventSpec& spec,
                               absl::Span<const Attribute> attributes)>
        enqueue;
    // Adds `n` to the category's warning counter. Thread-safe.
    std::function<void(catalog_internal::CategoryId id, int64_t n)> warn;
    // True while the user has withdrawn identification (Anonymize): no
    // install id is created or read. Writer thread. May be empty.
    std::function<bool()> anonymous;
  };

  explicit Collection(Deps deps);

  // True if the category has a platform collector (else the app records it
  // with Track).
  bool HasCollector(catalog_internal::CategoryId id) const {
    return specs_[id] != nullptr;
  }

  // Runs the category's collector now and queues its events. See
  // Client::Collect for the errors.
  absl::StatusOr<CollectionReport> Run(catalog_internal::CategoryId id);

 private:
  class Context;

  Deps deps_;
  const AppScopedHasher hasher_;
  std::vector<const CollectorSpec*> specs_;  // by CategoryId
};

}  // namespace telegate::collect_internal

#endif  // TELEGATE_COLLECT_COLLECTION_H_
