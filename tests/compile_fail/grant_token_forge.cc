// Must NOT compile: a GrantToken can only be minted by the Gate.
#include "consent/grant_token.h"

telegate::consent_internal::GrantToken Forge() {
  return telegate::consent_internal::GrantToken(0, 1);
}
