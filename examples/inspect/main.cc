// telegate-inspect: prints what a Telegate data directory holds, decrypted
// with the keys from the same key store the client uses.
//
//   telegate-inspect --data-dir DIR [--key-dir DIR] [--ledger]
//   telegate-inspect --export FILE
//
// Prints every buffered event as one JSON object per line (see
// rights/json_render.h). With --ledger, prints the consent ledger instead: one JSON
// object per entry, then {"ledger":"verified"|"broken",...}; exits 3 if the
// hash chain is broken. Opens the databases read-only. With --export, prints
// a binary user-data export (telegate-demo `export FILE proto`) as JSON.
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

#include "absl/strings/str_cat.h"
#include "consent/ledger.h"
#include "rights/json_render.h"
#include "absl/strings/escaping.h"
#include "store/consent_db.h"
#include "store/ledger_table.h"
#include "util/json_writer.h"
#include "store/event_file.h"
#include "store/store.h"
#include "telegate/desktop/file_key_store.h"
#include "telegate/event.pb.h"
#include "telegate/export.pb.h"
#include "util/files.h"

namespace {

int UsageError(const std::string& message) {
  std::cerr << "telegate-inspect: " << message << "\n"
            << "usage: telegate-inspect --data-dir DIR [--key-dir DIR] "
               "[--ledger]\n"
               "       telegate-inspect --export FILE\n";
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
          std::cout << telegate::rights_internal::EventToJson(event) << "\n";
          return true;
        });
    if (!status.ok()) {
      std::cerr << "error: " << category << ": " << status.message() << "\n";
      rc = 1;
    }
  }
  return rc;
}

// Prints every ledger entry as a JSON line, then a summary line; returns 3
// if the hash chain does not verify.
int PrintLedger(const std::string& data_dir, telegate::KeyStore* keys) {
  using telegate::store_internal::ConsentDb;
  using telegate::store_internal::Store;
  Store layout(data_dir, keys);
  if (!telegate::util_internal::PathExists(layout.ConsentDbPath())) {
    std::cout << "{\"ledger\":\"empty\",\"entries\":0}\n";
    return 0;
  }
  // The key is in one of two slots (key rotation alternates them).
  absl::StatusOr<std::unique_ptr<ConsentDb>> db =
      absl::NotFoundError("the key store has no key for telegate.db");
  for (const std::string& name :
       {std::string(telegate::store_internal::kDbKeyName),
        std::string(telegate::store_internal::kDbKeyName) +
            telegate::store_internal::kAltKeySuffix}) {
    absl::StatusOr<telegate::SecretBytes> key = keys->Get(name);
    if (!key.ok()) continue;
    db = ConsentDb::Open(layout.ConsentDbPath(), *key, /*create=*/false,
                         /*read_only=*/true);
    if (db.ok()) break;
  }
  if (!db.ok()) {
    std::cerr << "error: " << db.status().message() << "\n";
    return 1;
  }
  absl::StatusOr<std::vector<telegate::proto::LedgerRecord>> records =
      telegate::store_internal::LedgerTable::ReadAll((*db)->db());
  if (!records.ok()) {
    std::cerr << "error: " << records.status().message() << "\n";
    return 1;
  }
  for (const telegate::proto::LedgerRecord& r : *records) {
    telegate::proto::LedgerEntry entry;
    if (!entry.ParseFromString(r.entry())) {
      std::cout << "{\"undecodable\":true}\n";
      continue;
    }
    std::cout << telegate::rights_internal::LedgerEntryToJson(entry, r.hash()) << "\n";
  }
  absl::Status verified = telegate::consent_internal::VerifyChain(*records);
  telegate::util_internal::JsonWriter w;
  w.BeginObject();
  w.Key("ledger");
  w.String(verified.ok() ? "verified" : "broken");
  w.Key("entries");
  w.Int(static_cast<int64_t>(records->size()));
  if (verified.ok() && !records->empty()) {
    w.Key("head_hash");
    w.String(absl::BytesToHexString(records->back().hash()));
  }
  if (!verified.ok()) {
    w.Key("error");
    w.String(verified.message());
  }
  w.EndObject();
  std::cout << w.Take() << "\n";
  return verified.ok() ? 0 : 3;
}

// Prints a binary export (telegate.proto.UserDataExport, as written by
// `telegate-demo`'s `export FILE proto`) as JSON.
int PrintExport(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "error: cannot read " << path << "\n";
    return 1;
  }
  std::string bytes((std::istreambuf_iterator<char>(in)),
                    std::istreambuf_iterator<char>());
  telegate::proto::UserDataExport data;
  if (!data.ParseFromString(bytes)) {
    std::cerr << "error: " << path << " is not a Telegate user-data export\n";
    return 1;
  }
  std::cout << telegate::rights_internal::ExportToJson(data) << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string data_dir;
  std::string key_dir;
  bool ledger = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--ledger") {
      ledger = true;
    } else if (arg == "--export" && i + 1 < argc) {
      return PrintExport(argv[++i]);
    } else if (arg == "--data-dir" && i + 1 < argc) {
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
  return ledger ? PrintLedger(data_dir, &keys) : PrintEvents(data_dir, &keys);
}
