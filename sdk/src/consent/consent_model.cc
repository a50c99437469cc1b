#include "consent/consent_model.h"

#include "absl/strings/str_cat.h"

namespace telegate::consent_internal {

ConsentModel::ConsentModel(const catalog_internal::Catalog& catalog,
                           Platform platform, int os_level)
    : catalog_(catalog),
      platform_(platform),
      os_level_(os_level),
      current_{catalog.version_major(), catalog.version_minor()} {}

bool ConsentModel::IsSensitive(catalog_internal::CategoryId id) const {
  return catalog_.category(id).sensitivity() == proto::SENSITIVE;
}

bool ConsentModel::RestrictedForMinors(catalog_internal::CategoryId id) const {
  return IsSensitive(id) || catalog_.category(id).identifying();
}

PolicyVersion ConsentModel::GrantStamp(const ConsentState& state) const {
  return state.accepted ? *state.accepted : current_;
}

absl::Status ConsentModel::CheckAcceptable(PolicyVersion version,
                                           const ConsentState& state) const {
  bool known = version == current_;
  for (const proto::PolicyVersion& v : catalog_.policy().earlier_versions()) {
    if (v.major() == version.major && v.minor() == version.minor) known = true;
  }
  if (!known) {
    return absl::InvalidArgumentError(absl::StrCat(
        "unknown policy version ", version.ToString(), "; this app's policy is ",
        current_.ToString()));
  }
  if (state.accepted && version < *state.accepted) {
    return absl::FailedPreconditionError(absl::StrCat(
        "policy version ", version.ToString(), " is older than the accepted ",
        state.accepted->ToString()));
  }
  return absl::OkStatus();
}

Evaluation ConsentModel::Evaluate(catalog_internal::CategoryId id,
                                  const ConsentState& state,
                                  const IsGranted& is_granted) const {
  Evaluation e;
  const proto::Category& category = catalog_.category(id);
  const CategoryConsent& consent = state.categories[id];
  if (!consent.on) {
    e.reasons.push_back(ClosedReason::kConsentOff);
  } else {
    bool stale = consent.stamp.major < category.definition_major();
    if (catalog_.policy().reconsent_all_on_major() &&
        consent.stamp.major < current_.major) {
      stale = true;
    }
    if (stale) e.reasons.push_back(ClosedReason::kPolicyReconsent);
  }
  const proto::PlatformRequirement& req = catalog_.Requirement(id, platform_);
  if (!req.available()) {
    e.reasons.push_back(ClosedReason::kUnavailable);
  } else {
    e.missing = catalog_internal::MissingPermissions(req, os_level_, is_granted);
    if (!e.missing.empty()) e.reasons.push_back(ClosedReason::kPermissionMissing);
  }
  if (state.minor && !state.guardian && RestrictedForMinors(id)) {
    e.reasons.push_back(ClosedReason::kMinor);
  }
  e.open = e.reasons.empty();
  return e;
}

}  // namespace telegate::consent_internal
