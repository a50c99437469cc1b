#include "support/stored_events.h"

#include "store/event_file.h"
#include "store/store.h"
#include "util/files.h"

namespace telegate::testing {

absl::StatusOr<std::vector<proto::Event>> ReadStoredEvents(
    const std::string& data_dir, KeyStore* keys, const std::string& category) {
  store_internal::Store layout(data_dir, keys);
  const std::string path = layout.EventFilePath(category);
  std::vector<proto::Event> events;
  if (!util_internal::PathExists(path)) return events;
  const std::string base = store_internal::CategoryKeyName(category);
  absl::Status last = absl::NotFoundError("no key for " + category);
  for (const std::string& name : {base, base + store_internal::kAltKeySuffix}) {
    absl::StatusOr<SecretBytes> key = keys->Get(name);
    if (!key.ok()) continue;
    absl::StatusOr<std::unique_ptr<store_internal::EventFile>> file =
        store_internal::EventFile::Open(path, *key, category, false,
                                        /*read_only=*/true);
    if (!file.ok()) {
      last = file.status();
      continue;
    }
    absl::Status parsed;
    absl::Status status =
        (*file)->ForEach([&](const store_internal::EventRow& row) {
          proto::Event event;
          if (!event.ParseFromArray(row.payload.data(),
                                    static_cast<int>(row.payload.size()))) {
            parsed = absl::DataLossError("unparsable event");
            return false;
          }
          events.push_back(std::move(event));
          return true;
        });
    if (!status.ok()) return status;
    if (!parsed.ok()) return parsed;
    return events;
  }
  return last;
}

absl::StatusOr<SecretBytes> CategoryKeyInEitherSlot(
    KeyStore* keys, const std::string& category) {
  const std::string base = store_internal::CategoryKeyName(category);
  absl::StatusOr<SecretBytes> key = keys->Get(base);
  if (key.ok()) return key;
  return keys->Get(base + store_internal::kAltKeySuffix);
}

std::vector<std::string> StringValues(const std::vector<proto::Event>& events,
                                      const std::string& key) {
  std::vector<std::string> values;
  for (const proto::Event& e : events) {
    std::string value;
    for (const proto::Attribute& a : e.attributes()) {
      if (a.key() == key) value = a.string_value();
    }
    values.push_back(value);
  }
  return values;
}

}  // namespace telegate::testing
