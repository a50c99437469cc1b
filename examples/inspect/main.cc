// telegate-inspect: prints what a Telegate data directory holds, decrypted
// with the keys from the same key store the client uses.
//
//   telegate-inspect --data-dir DIR [--key-dir DIR]
//
// Prints every buffered event as one JSON object per line (see
// event_json.h). Reads only; never modifies the directory.
#include <iostream>
#include <string>

#include "absl/strings/str_cat.h"
#include "event_json.h"
#include "store/event_file.h"
#include "store/store.h"
#include "telegate/desktop/file_key_store.h"
#include "telegate/event.pb.h"
#include "util/files.h"

namespace {

int UsageError(const std::string& message) {
  std::cerr << "telegate-inspect: " << message << "\n"
            << "usage: telegate-inspect --data-dir DIR [--key-dir DIR]\n";
  return 2;
}

int PrintEvents(const std::string& data_dir, telegate::KeyStore* keys) {
  using telegate::store_internal::EventFile;
  using telegate::store_internal::Store;
  Store layout(data_dir, keys);  // for paths only; opens nothing
  absl::StatusOr<std::vector<std::string>> categories = layout.CategoriesOnDisk();
  if (!categories.ok()) {
    std::cerr << "error: " << categories.status().message() << "\n";
    return 1;
  }
  int rc = 0;
  for (const std::string& category : *categories) {
    // The key is in one of two slots (key rotation alternates them).
    const std::string base = telegate::store_internal::CategoryKeyName(category);
    absl::StatusOr<std::unique_ptr<EventFile>> file =
        absl::NotFoundError("no key");
    absl::Status key_status;
    for (const std::string& name :
         {base, base + telegate::store_internal::kAltKeySuffix}) {
      absl::StatusOr<telegate::SecretBytes> key = keys->Get(name);
      if (!key.ok()) {
        if (key_status.ok()) key_status = key.status();
        continue;
      }
      file = EventFile::Open(layout.EventFilePath(category), *key, category,
                             /*create=*/false, /*read_only=*/true);
      if (file.ok()) break;
    }
    if (absl::IsNotFound(file.status()) && !key_status.ok()) {
      std::cerr << "warning: " << category
                << ": no readable key (destroyed?): " << key_status.message()
                << "\n";
      continue;
    }
    if (!file.ok()) {
      std::cerr << "error: " << category << ": " << file.status().message()
                << "\n";
      rc = 1;
      continue;
    }
    absl::Status status =
        (*file)->ForEach([](const telegate::store_internal::EventRow& row) {
          telegate::proto::Event event;
          if (!event.ParseFromArray(row.payload.data(),
                                    static_cast<int>(row.payload.size()))) {
            std::cerr << "warning: undecodable event at seq " << row.seq << "\n";
            return true;
          }
          std::cout << telegate::inspect::EventToJson(event) << "\n";
          return true;
        });
    if (!status.ok()) {
      std::cerr << "error: " << category << ": " << status.message() << "\n";
      rc = 1;
    }
  }
  return rc;
}

}  // namespace

int main(int argc, char** argv) {
  std::string data_dir;
  std::string key_dir;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--data-dir" && i + 1 < argc) {
      data_dir = argv[++i];
    } else if (arg == "--key-dir" && i + 1 < argc) {
      key_dir = argv[++i];
    } else {
      return UsageError("unknown or incomplete argument " + arg);
    }
  }
  if (data_dir.empty()) return UsageError("--data-dir is required");
  if (!telegate::util_internal::PathExists(data_dir)) {
    std::cerr << "error: data directory " << data_dir << " does not exist\n";
    return 1;
  }
  if (key_dir.empty()) key_dir = absl::StrCat(data_dir, "/keys");
  telegate::desktop::FileKeyStore keys(key_dir);
  return PrintEvents(data_dir, &keys);
}
