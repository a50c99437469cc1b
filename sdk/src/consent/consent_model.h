// ConsentModel: the rules that decide whether a category is open, as a pure
// function of the user's consent state and the OS permissions.
//
// A category is open only while ALL hold:
//   - the platform can provide it (PlatformRequirement.available);
//   - every OS permission clause that applies at this OS level is granted;
//   - the user's consent for it is on;
//   - that consent was given under a policy whose major version already had
//     the category's current definition (stamp.major >= definition_major),
//     and, if the policy says every major change needs fresh consent, under
//     the current major version;
//   - the user is not a minor, or guardian consent is recorded, or the
//     category is neither sensitive nor identifying.
//
// A grant is stamped with the policy version the user last accepted
// (Client::AcceptPolicy); a host that never calls AcceptPolicy gets the
// catalog's own version. So after an app update whose policy changes a
// category's definition, that category closes (and is purged) until the user
// accepts the new policy and switches it on again; a minor version keeps
// every consent.
//
// Thread-compatible; the writer thread owns the state it evaluates.
#ifndef TELEGATE_CONSENT_CONSENT_MODEL_H_
#define TELEGATE_CONSENT_CONSENT_MODEL_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "catalog/catalog.h"
#include "consent/policy_version.h"
#include "telegate/category_status.h"
#include "telegate/permission_source.h"

namespace telegate::consent_internal {

struct CategoryConsent {
  bool on = false;
  PolicyVersion stamp;     // the policy version the consent was given under
  int64_t changed_ms = 0;  // when the user last switched it
};

struct ConsentState {
  std::vector<CategoryConsent> categories;  // by CategoryId
  std::optional<PolicyVersion> accepted;    // last accepted policy, if any
  bool minor = false;                       // user marked as under 14
  bool guardian = false;                    // guardian consent recorded
  bool anonymous = false;                   // identification withdrawn
};

struct Evaluation {
  bool open = false;
  std::vector<ClosedReason> reasons;  // empty when open
  std::vector<std::string> missing;   // missing OS permissions
};

class ConsentModel {
 public:
  using IsGranted = std::function<bool(const std::string& permission)>;

  // `catalog` must outlive the model.
  ConsentModel(const catalog_internal::Catalog& catalog, Platform platform,
               int os_level);

  Evaluation Evaluate(catalog_internal::CategoryId id,
                      const ConsentState& state,
                      const IsGranted& is_granted) const;

  // The catalog's (current) policy version.
  PolicyVersion current() const { return current_; }
  // The version a grant given now is stamped with.
  PolicyVersion GrantStamp(const ConsentState& state) const;
  // OK if `version` may be accepted now: the catalog knows it (current or
  // earlier) and it is not older than the last accepted one.
  // kInvalidArgument for an unknown version, kFailedPrecondition for one out
  // of order.
  absl::Status CheckAcceptable(PolicyVersion version,
                               const ConsentState& state) const;

  bool IsSensitive(catalog_internal::CategoryId id) const;
  // Closed for a minor without guardian consent: sensitive or identifying.
  bool RestrictedForMinors(catalog_internal::CategoryId id) const;

 private:
  const catalog_internal::Catalog& catalog_;
  const Platform platform_;
  const int os_level_;
  const PolicyVersion current_;
};

}  // namespace telegate::consent_internal

#endif  // TELEGATE_CONSENT_CONSENT_MODEL_H_
