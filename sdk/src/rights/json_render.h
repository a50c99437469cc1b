// JSON renderings of what the SDK holds: events, ledger entries and the whole
// user-data export. Used by Client::ExportUserData and telegate-inspect.
//
//   std::string line = EventToJson(event);
//   std::string doc = ExportToJson(export_message);
#ifndef TELEGATE_RIGHTS_JSON_RENDER_H_
#define TELEGATE_RIGHTS_JSON_RENDER_H_

#include <string>

#include "telegate/event.pb.h"
#include "telegate/export.pb.h"
#include "telegate/ledger.pb.h"
#include "util/json_writer.h"

namespace telegate::rights_internal {

// {"id":"<32 hex>","category":"..","name":"..","time":"<RFC 3339 UTC>",
//  "time_ms":<ms>,"attributes":{"key":value,...}}
void WriteEvent(const proto::Event& event, util_internal::JsonWriter* w);
std::string EventToJson(const proto::Event& event);

// {"seq":N,"time":"..","time_ms":..,"kind":"consent_granted","source":"user",
//  "category":"..","on":true,"policy":"1.0","permission":"..",
//  "purged_events":N,"detail":"..","hash":"<64 hex>"}: empty fields are
// omitted; "on" appears only for consent, minor, guardian, permission and
// cross-border entries.
void WriteLedgerEntry(const proto::LedgerEntry& entry, const std::string& hash,
                      util_internal::JsonWriter* w);
std::string LedgerEntryToJson(const proto::LedgerEntry& entry,
                              const std::string& hash);

// The whole export as one JSON object mirroring proto::UserDataExport:
// {"exported":"..","exported_ms":..,"app_policy_version":..,
//  "accepted_policy_version":..,"minor":..,"guardian_consent":..,
//  "categories":[{"name":..,"contents":..,"purpose":..,"sensitivity":..,
//    "open":..,"closed_reasons":[..],"consent_on":..,
//    "consent_policy_version":..,"consent_changed_ms":..,"events":[<event>]}],
//  "ledger":{"entries":[<ledger entry>],"head_hash":".."},
//  "drops":{"<reason>":N,...}}
std::string ExportToJson(const proto::UserDataExport& data);

}  // namespace telegate::rights_internal

#endif  // TELEGATE_RIGHTS_JSON_RENDER_H_
