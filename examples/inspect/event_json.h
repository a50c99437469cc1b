// Renders a stored event as one JSON object (telegate-inspect's line format).
#ifndef TELEGATE_EXAMPLES_INSPECT_EVENT_JSON_H_
#define TELEGATE_EXAMPLES_INSPECT_EVENT_JSON_H_

#include <string>

#include "telegate/event.pb.h"

namespace telegate::inspect {

// {"id":"<32 hex>","category":"..","name":"..","time":"<RFC 3339 UTC>",
//  "time_ms":<ms>,"attributes":{"key":value,...}}
std::string EventToJson(const proto::Event& event);

}  // namespace telegate::inspect

#endif  // TELEGATE_EXAMPLES_INSPECT_EVENT_JSON_H_
