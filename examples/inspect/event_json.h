// Renders a stored event as one JSON object (telegate-inspect's line format).
#ifndef TELEGATE_EXAMPLES_INSPECT_EVENT_JSON_H_
#define TELEGATE_EXAMPLES_INSPECT_EVENT_JSON_H_

#include <string>

#include "telegate/event.pb.h"
#include "telegate/ledger.pb.h"

namespace telegate::inspect {

// {"id":"<32 hex>","category":"..","name":"..","time":"<RFC 3339 UTC>",
//  "time_ms":<ms>,"attributes":{"key":value,...}}
std::string EventToJson(const proto::Event& event);

// {"seq":N,"time":"..","time_ms":..,"kind":"consent_granted","source":"user",
//  "category":"..","on":true,"policy":"1.0","permission":"..",
//  ("on" only for consent, minor, guardian, permission and cross-border)
//  "purged_events":N,"detail":"..","hash":"<64 hex>"} — empty fields omitted.
std::string LedgerEntryToJson(const proto::LedgerEntry& entry,
                              const std::string& hash);

}  // namespace telegate::inspect

#endif  // TELEGATE_EXAMPLES_INSPECT_EVENT_JSON_H_
