// QueuedEvent: an event between Track and the writer's commit.
#ifndef TELEGATE_CLIENT_QUEUED_EVENT_H_
#define TELEGATE_CLIENT_QUEUED_EVENT_H_

#include <openssl/crypto.h>

#include <cstdint>
#include <string>

#include "consent/grant_token.h"

namespace telegate::client_internal {

struct QueuedEvent {
  consent_internal::GrantToken grant;
  int64_t capture_ms = 0;
  uint64_t seq = 0;     // queue order, assigned at push
  std::string payload;  // serialized telegate.proto.Event
};

// Overwrites the payload before its memory is released, so a dropped or
// purged event leaves no copy in freed heap memory.
inline void WipePayload(QueuedEvent* event) {
  if (!event->payload.empty()) {
    OPENSSL_cleanse(&event->payload[0], event->payload.size());
  }
  std::string().swap(event->payload);
}

}  // namespace telegate::client_internal

#endif  // TELEGATE_CLIENT_QUEUED_EVENT_H_
