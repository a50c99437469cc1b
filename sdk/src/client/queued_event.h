// QueuedEvent: an event between Track and the writer's commit.
#ifndef TELEGATE_CLIENT_QUEUED_EVENT_H_
#define TELEGATE_CLIENT_QUEUED_EVENT_H_

#include <cstdint>

#include "consent/grant_token.h"
#include "util/secure_memory.h"

namespace telegate::client_internal {

struct QueuedEvent {
  consent_internal::GrantToken grant;
  int64_t capture_ms = 0;
  uint64_t seq = 0;                     // queue order, assigned at push
  util_internal::SecureString payload;  // serialized telegate.proto.Event
};

// Releases the payload now (secure memory: wiped as it is released), so a
// dropped or purged event leaves no copy behind.
inline void WipePayload(QueuedEvent* event) {
  util_internal::SecureString().swap(event->payload);
}

}  // namespace telegate::client_internal

#endif  // TELEGATE_CLIENT_QUEUED_EVENT_H_
