// StoredEvents: what a category's event file holds, read the way
// telegate-inspect reads it (read-only, with the key from either slot), for
// tests that check which events survived.
#ifndef TELEGATE_TESTS_SUPPORT_STORED_EVENTS_H_
#define TELEGATE_TESTS_SUPPORT_STORED_EVENTS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "telegate/event.pb.h"
#include "telegate/key_store.h"

namespace telegate::testing {

// The events of `category` in `data_dir`, oldest first; empty if the file
// does not exist. Close the client first or Flush: it reads the file as it
// is on disk.
absl::StatusOr<std::vector<proto::Event>> ReadStoredEvents(
    const std::string& data_dir, KeyStore* keys, const std::string& category);

// `category`'s data key from whichever of its two slots holds one (the
// base slot first); kNotFound if neither.
absl::StatusOr<SecretBytes> CategoryKeyInEitherSlot(
    KeyStore* keys, const std::string& category);

// The string value of attribute `key` in each event ("" when absent).
std::vector<std::string> StringValues(const std::vector<proto::Event>& events,
                                      const std::string& key);

}  // namespace telegate::testing

#endif  // TELEGATE_TESTS_SUPPORT_STORED_EVENTS_H_
