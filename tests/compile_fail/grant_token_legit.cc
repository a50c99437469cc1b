// Must compile: the only way to a GrantToken is through the Gate.
#include <optional>

#include "consent/gate.h"

std::optional<telegate::consent_internal::GrantToken> Legit(
    telegate::consent_internal::Gate& gate) {
  return gate.TryGrant(0);
}
