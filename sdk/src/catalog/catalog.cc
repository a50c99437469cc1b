#include "catalog/catalog.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "util/status_macros.h"

namespace telegate::catalog_internal {

extern const unsigned char kDefaultPolicyBytes[];
extern const std::size_t kDefaultPolicyBytesSize;

namespace {

constexpr size_t kMaxNameLength = 64;
// A policy cannot make the client wake up more often than this.
constexpr int64_t kMinCollectionInterval = 60;

// [a-z0-9_] plus '.' where `dots` allows; no leading, trailing or double dot.
bool IsValidName(absl::string_view name, bool dots) {
  if (name.empty() || name.size() > kMaxNameLength) return false;
  if (name.front() == '.' || name.back() == '.') return false;
  char prev = 0;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
              (dots && c == '.');
    if (!ok || (c == '.' && prev == '.')) return false;
    prev = c;
  }
  return true;
}

absl::Status ValidateRequirement(const proto::PlatformRequirement& req,
                                 absl::string_view where) {
  for (const proto::PermissionClause& clause : req.clauses()) {
    if (clause.any_of().empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, ": a permission clause names no permission"));
    }
    for (const std::string& p : clause.any_of()) {
      if (p.empty() || p.size() > 128) {
        return absl::InvalidArgumentError(
            absl::StrCat(where, ": bad permission name \"", p, "\""));
      }
    }
    if (clause.max_os_level() != 0 &&
        clause.max_os_level() < clause.min_os_level()) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, ": max_os_level below min_os_level"));
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateCategory(const proto::Category& c) {
  if (!IsValidName(c.name(), /*dots=*/true)) {
    return absl::InvalidArgumentError(
        absl::StrCat("bad category name \"", c.name(), "\""));
  }
  const std::string where = absl::StrCat("category ", c.name());
  if (c.sensitivity() == proto::SENSITIVITY_UNSPECIFIED) {
    return absl::InvalidArgumentError(absl::StrCat(where, ": no sensitivity"));
  }
  if (c.retention_seconds() < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat(where, ": negative retention"));
  }
  const int64_t interval = c.collection().interval_seconds();
  if (interval < 0 || (interval > 0 && interval < kMinCollectionInterval)) {
    return absl::InvalidArgumentError(absl::StrCat(
        where, ": collection interval must be 0 or at least ",
        kMinCollectionInterval, " seconds"));
  }
  TELEGATE_RETURN_IF_ERROR(
      ValidateRequirement(c.android(), absl::StrCat(where, " (android)")));
  TELEGATE_RETURN_IF_ERROR(
      ValidateRequirement(c.ios(), absl::StrCat(where, " (ios)")));
  absl::flat_hash_set<absl::string_view> events;
  for (const proto::EventSpec& e : c.events()) {
    if (!IsValidName(e.name(), /*dots=*/false)) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, ": bad event name \"", e.name(), "\""));
    }
    if (!events.insert(e.name()).second) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, ": event \"", e.name(), "\" declared twice"));
    }
    absl::flat_hash_set<absl::string_view> keys;
    for (const proto::AttributeSpec& a : e.attributes()) {
      if (!IsValidName(a.key(), /*dots=*/false)) {
        return absl::InvalidArgumentError(absl::StrCat(
            where, ": event ", e.name(), ": bad attribute \"", a.key(), "\""));
      }
      if (a.type() == proto::ATTRIBUTE_TYPE_UNSPECIFIED) {
        return absl::InvalidArgumentError(absl::StrCat(
            where, ": event ", e.name(), ": attribute ", a.key(),
            " has no type"));
      }
      if (!keys.insert(a.key()).second) {
        return absl::InvalidArgumentError(
            absl::StrCat(where, ": event ", e.name(), ": attribute ", a.key(),
                         " declared twice"));
      }
    }
  }
  return absl::OkStatus();
}

void CollectPermissions(const proto::PlatformRequirement& req,
                        std::vector<std::string>* out) {
  for (const proto::PermissionClause& clause : req.clauses()) {
    for (const std::string& p : clause.any_of()) out->push_back(p);
  }
}

void SortUnique(std::vector<std::string>* v) {
  std::sort(v->begin(), v->end());
  v->erase(std::unique(v->begin(), v->end()), v->end());
}

}  // namespace

Catalog::Catalog(proto::Policy policy) : policy_(std::move(policy)) {}

absl::StatusOr<std::shared_ptr<const Catalog>> Catalog::Parse(
    absl::string_view bytes) {
  proto::Policy policy;
  if (!policy.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return absl::InvalidArgumentError(
        "policy document is not a valid telegate.proto.Policy");
  }
  if (policy.version_major() == 0) {
    return absl::InvalidArgumentError("policy document has no major version");
  }
  if (policy.categories_size() == 0) {
    return absl::InvalidArgumentError("policy document declares no category");
  }
  if (policy.categories_size() > kMaxCategories) {
    return absl::InvalidArgumentError(absl::StrCat(
        "policy document declares ", policy.categories_size(),
        " categories; at most ", kMaxCategories, " are supported"));
  }
  for (const proto::Category& c : policy.categories()) {
    TELEGATE_RETURN_IF_ERROR(ValidateCategory(c));
  }
  std::shared_ptr<Catalog> catalog(new Catalog(std::move(policy)));
  TELEGATE_RETURN_IF_ERROR(catalog->Index());
  return std::shared_ptr<const Catalog>(std::move(catalog));
}

absl::string_view Catalog::DefaultPolicyBytes() {
  return absl::string_view(reinterpret_cast<const char*>(kDefaultPolicyBytes),
                           kDefaultPolicyBytesSize);
}

absl::StatusOr<std::shared_ptr<const Catalog>> Catalog::Default() {
  return Parse(DefaultPolicyBytes());
}

absl::Status Catalog::Index() {
  for (int i = 0; i < policy_.categories_size(); ++i) {
    const proto::Category& c = policy_.categories(i);
    if (!by_name_.emplace(c.name(), i).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("category ", c.name(), " declared twice"));
    }
    CollectPermissions(c.android(), &android_permissions_);
    CollectPermissions(c.ios(), &ios_permissions_);
  }
  SortUnique(&android_permissions_);
  SortUnique(&ios_permissions_);
  return absl::OkStatus();
}

std::optional<CategoryId> Catalog::Find(absl::string_view name) const {
  auto it = by_name_.find(name);
  if (it == by_name_.end()) return std::nullopt;
  return it->second;
}

const proto::EventSpec* Catalog::FindEvent(CategoryId id,
                                           absl::string_view event) const {
  for (const proto::EventSpec& e : policy_.categories(id).events()) {
    if (e.name() == event) return &e;
  }
  return nullptr;
}

const proto::PlatformRequirement& Catalog::Requirement(
    CategoryId id, Platform platform) const {
  return platform == Platform::kIos ? policy_.categories(id).ios()
                                    : policy_.categories(id).android();
}

const std::vector<std::string>& Catalog::AllPermissions(
    Platform platform) const {
  return platform == Platform::kIos ? ios_permissions_ : android_permissions_;
}

}  // namespace telegate::catalog_internal
