// The collector registry: every platform collector, each declaring (as data)
// the catalog category and event it records. Categories the app records
// itself with Track (log.search, order) have none.
//
//   const CollectorSpec* spec = FindCollector("device.basic");
//   if (spec != nullptr) collector = spec->make(grant, env);
#ifndef TELEGATE_COLLECT_COLLECTOR_REGISTRY_H_
#define TELEGATE_COLLECT_COLLECTOR_REGISTRY_H_

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "collect/collector.h"

namespace telegate::collect_internal {

// Every collector, in the default catalog's order. Immutable; thread-safe.
absl::Span<const CollectorSpec> AllCollectors();

// The collector of `category`, or nullptr if it has none.
const CollectorSpec* FindCollector(absl::string_view category);

}  // namespace telegate::collect_internal

#endif  // TELEGATE_COLLECT_COLLECTOR_REGISTRY_H_
