// The install id of device.identifiers: a random UUID created the first time
// the category's collector runs after the category opens, and kept in a
// table of that category's own encrypted event file (keyed with the
// category's data key). A revoke destroys that key and removes the file, so
// the install id goes with it; the next grant creates a new one.
//
//   TELEGATE_ASSIGN_OR_RETURN(std::string id,
//                             GetOrCreateInstallId(store, "device.identifiers",
//                                                  now_ms));
#ifndef TELEGATE_COLLECT_INSTALL_ID_H_
#define TELEGATE_COLLECT_INSTALL_ID_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "store/store.h"

namespace telegate::collect_internal {

// The category whose event file keeps the install id.
inline constexpr char kInstallIdCategory[] = "device.identifiers";

// Returns the install id kept in `category`'s event file, creating the file
// (and the category's key) and the id if needed. Writer thread only; call
// it only while the category is open.
absl::StatusOr<std::string> GetOrCreateInstallId(store_internal::Store* store,
                                                 const std::string& category,
                                                 int64_t now_ms);

// The install id kept in `category`'s event file, if the file and the id
// exist; never creates either (account deletion reads the id it retires).
// Writer thread only.
absl::StatusOr<std::optional<std::string>> FindInstallId(
    store_internal::Store* store, const std::string& category);

// Deletes the install id kept in `category`'s event file, if any (secure
// delete, WAL checkpointed): the next GetOrCreateInstallId makes a new one,
// unrelated to the old. Anonymization retires it. Writer thread only.
absl::Status RetireInstallId(store_internal::Store* store,
                             const std::string& category);

}  // namespace telegate::collect_internal

#endif  // TELEGATE_COLLECT_INSTALL_ID_H_
