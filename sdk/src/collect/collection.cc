#include "collect/collection.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "collect/collector_registry.h"
#include "collect/install_id.h"
#include "event/event_codec.h"
#include "telegate/clock.h"

namespace telegate::collect_internal {

using catalog_internal::CategoryId;
using consent_internal::GrantToken;

namespace {

// A string value longer than this is dropped (an app list part is 8 KiB).
constexpr size_t kMaxStringValue = 12 << 10;

bool TypeMatches(const Attribute& a, proto::AttributeType type) {
  switch (type) {
    case proto::STRING:
      return a.type() == Attribute::Type::kString;
    case proto::INT:
      return a.type() == Attribute::Type::kInt;
    case proto::DOUBLE:
      return a.type() == Attribute::Type::kDouble;
    case proto::BOOL:
      return a.type() == Attribute::Type::kBool;
    default:
      return false;
  }
}

std::string ValueText(const Attribute& a) {
  switch (a.type()) {
    case Attribute::Type::kString:
      return std::string(a.string_value());
    case Attribute::Type::kInt:
      return absl::StrCat(a.int_value());
    case Attribute::Type::kDouble:
      return absl::StrFormat("%.10g", a.double_value());
    case Attribute::Type::kBool:
      return a.bool_value() ? "true" : "false";
  }
  return "";
}

}  // namespace

// The context one Run gives its collector. Writer thread.
class Collection::Context : public CollectContext {
 public:
  Context(Collection* owner, CategoryId id) : owner_(owner), id_(id) {}

  absl::Time Now() override {
    Clock* clock =
        owner_->deps_.env->clock ? owner_->deps_.env->clock : Clock::Real();
    return clock->Now();
  }
  std::string AppScopedHash(absl::string_view kind,
                            absl::string_view raw) override {
    return owner_->hasher_.Hash(kind, raw);
  }
  absl::StatusOr<std::string> InstallId(const GrantToken& grant) override {
    if (grant.category() != id_ || !owner_->deps_.gate->IsCurrent(grant)) {
      return absl::PermissionDeniedError("");
    }
    if (owner_->deps_.anonymous && owner_->deps_.anonymous()) {
      // Identification is withdrawn: no id links these events to others.
      return absl::FailedPreconditionError("identification is withdrawn");
    }
    return GetOrCreateInstallId(owner_->deps_.store,
                                owner_->deps_.catalog->name(id_),
                                absl::ToUnixMillis(Now()));
  }
  void Warn(std::string message) override {
    warnings_.push_back(std::move(message));
  }

  std::vector<std::string>& warnings() { return warnings_; }

 private:
  Collection* const owner_;
  const CategoryId id_;
  std::vector<std::string> warnings_;
};

Collection::Collection(Deps deps)
    : deps_(std::move(deps)), hasher_(deps_.app_id) {
  specs_.resize(deps_.catalog->size(), nullptr);
  for (CategoryId id = 0; id < deps_.catalog->size(); ++id) {
    specs_[id] = FindCollector(deps_.catalog->name(id));
  }
}

absl::StatusOr<CollectionReport> Collection::Run(CategoryId id) {
  const std::string& category = deps_.catalog->name(id);
  const CollectorSpec* spec = specs_[id];
  if (spec == nullptr) {
    return absl::FailedPreconditionError(absl::StrCat(
        category, " has no platform collector: the app records it with Track"));
  }
  // Consent first: without a token nothing is constructed or called.
  std::optional<GrantToken> grant = deps_.gate->TryGrant(id);
  if (!grant) return absl::Status(absl::StatusCode::kPermissionDenied, "");
  const proto::EventSpec* event_spec =
      deps_.catalog->FindEvent(id, spec->event);
  if (event_spec == nullptr) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the policy declares no event \"", spec->event, "\" for ", category));
  }
  std::unique_ptr<Collector> collector = spec->make(*grant, *deps_.env);
  if (collector == nullptr) {
    return absl::UnavailableError(
        absl::StrCat("this platform has no source for ", category));
  }

  Context context(this, id);
  std::vector<CollectedEvent> events;
  absl::Status collected = collector->Collect(*grant, context, &events);
  collector.reset();

  CollectionReport report;
  report.category = category;
  std::vector<Attribute> kept;
  for (CollectedEvent& event : events) {
    kept.clear();
    for (const Attribute& a : event.attributes()) {
      const proto::AttributeSpec* declared = nullptr;
      for (const proto::AttributeSpec& s : event_spec->attributes()) {
        if (s.key() == a.key()) declared = &s;
      }
      if (declared == nullptr) continue;  // the policy does not ask for it
      bool valid = TypeMatches(a, declared->type());
      if (valid && a.type() == Attribute::Type::kString) {
        valid = a.string_value().size() <= kMaxStringValue &&
                event_internal::IsValidUtf8(a.string_value());
      }
      if (!valid) {
        context.Warn(absl::StrCat("invalid value for ", a.key(), " skipped"));
        continue;
      }
      kept.push_back(a);
    }
    if (kept.empty()) continue;
    absl::Status queued = deps_.enqueue(*grant, *event_spec, kept);
    if (!queued.ok()) {
      // A full queue is counted as a drop there; anything else is bad input.
      if (!absl::IsResourceExhausted(queued) &&
          !absl::IsPermissionDenied(queued)) {
        context.Warn(
            absl::StrCat(event.name(), " not recorded: ", queued.message()));
      }
      continue;
    }
    CollectedEventReport described;
    described.name = event_spec->name();
    for (const Attribute& a : kept) {
      described.fields.emplace_back(std::string(a.key()), ValueText(a));
    }
    report.events.push_back(std::move(described));
  }
  for (CollectedEvent& event : events) event.Wipe();

  if (!collected.ok()) {
    context.Warn(absl::StrCat(category, ": ", collected.message()));
  }
  report.warnings = std::move(context.warnings());
  if (!report.warnings.empty()) {
    deps_.warn(id, static_cast<int64_t>(report.warnings.size()));
  }
  if (!collected.ok() && report.events.empty()) {
    return absl::UnavailableError(absl::StrCat(
        "no ", category, " data from the platform: ", collected.message()));
  }
  return report;
}

}  // namespace telegate::collect_internal
