// GrantToken: proof that a category was open, in a given consent epoch, when
// an event was captured.
//
// Consent is a type, not an `if`: code that records or collects takes a
// GrantToken, and only the Gate can mint one (private constructor), so code
// that skips the gate does not compile. Every use can be found with grep.
//
//   std::optional<GrantToken> grant = gate.TryGrant(id);
//   if (!grant) return absl::PermissionDeniedError("");
//   queue.Push(*grant, ...);          // the writer re-checks gate.IsCurrent()
#ifndef TELEGATE_CONSENT_GRANT_TOKEN_H_
#define TELEGATE_CONSENT_GRANT_TOKEN_H_

#include <cstdint>

#include "catalog/catalog.h"

namespace telegate::consent_internal {

class Gate;

// Thread-compatible value type; cheap to copy.
class GrantToken {
 public:
  catalog_internal::CategoryId category() const { return category_; }
  // The category's consent epoch at capture. Epochs change on every open and
  // every close, so an event is stored only if no revoke happened since.
  uint64_t epoch() const { return epoch_; }

 private:
  friend class Gate;
  GrantToken(catalog_internal::CategoryId category, uint64_t epoch)
      : category_(category), epoch_(epoch) {}

  catalog_internal::CategoryId category_;
  uint64_t epoch_;
};

}  // namespace telegate::consent_internal

#endif  // TELEGATE_CONSENT_GRANT_TOKEN_H_
