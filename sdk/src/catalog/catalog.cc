#include "catalog/catalog.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "util/status_macros.h"

namespace telegate::catalog_internal {

extern const unsigned char kDefaultPolicyBytes[];
extern const std::size_t kDefaultPolicyBytesSize;

namespace {

constexpr size_t kMaxNameLength = 64;
// A policy cannot make the client wake up more often than this.
constexpr int64_t kMinCollectionInterval = 60;

uint64_t Load64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof(v));
  return v;
}

uint32_t Load32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, sizeof(v));
  return v;
}

// The first and the last (at most) 8 bytes of `s`, overlapping for short
// names; a name is fully covered by them when it is at most 16 bytes long.
struct Ends {
  uint64_t head = 0;
  uint64_t tail = 0;
};

Ends NameEnds(absl::string_view s) {
  const char* p = s.data();
  const size_t n = s.size();
  if (n >= 8) return {Load64(p), Load64(p + n - 8)};
  if (n >= 4) return {Load32(p), Load32(p + n - 4)};
  Ends e;
  for (size_t i = 0; i < n; ++i)
    e.head = (e.head << 8) | static_cast<uint8_t>(p[i]);
  return e;
}

// A cheap hash for the name table: the length and the two ends. Not
// collision-resistant (the table is built from the policy, not from the
// caller's input, and lookups compare whole names).
size_t NameHash(absl::string_view s) {
  Ends e = NameEnds(s);
  uint64_t h = (e.head ^ (e.tail << 7) ^ (e.tail >> 57) ^ s.size()) *
               0x9E3779B97F4A7C15ull;
  return static_cast<size_t>(h >> 32);
}

// `a` and `b` have the same size `n`.
bool SameBytes(const char* a, const char* b, size_t n) {
  if (n <= 16) {
    Ends ea = NameEnds(absl::string_view(a, n));
    Ends eb = NameEnds(absl::string_view(b, n));
    return ea.head == eb.head && ea.tail == eb.tail;
  }
  return std::memcmp(a, b, n) == 0;
}

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

}  // namespace

bool IsValidCategoryName(absl::string_view name) {
  // The store derives "telegate.category.<name>" and its rotation slot
  // "telegate.category.<name>.alt" from the name: a category whose last
  // word is "alt" would share a key with another category's second slot.
  return IsValidName(name, /*dots=*/true) && name != "alt" &&
         !absl::EndsWith(name, ".alt");
}

namespace {

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
  if (!IsValidCategoryName(c.name())) {
    return absl::InvalidArgumentError(absl::StrCat(
        "bad category name \"", c.name(),
        "\" (lower-case [a-z0-9_] words joined by single dots, at most 64 "
        "bytes; the last word may not be \"alt\")"));
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
    return absl::InvalidArgumentError(
        absl::StrCat(where, ": collection interval must be 0 or at least ",
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
        return absl::InvalidArgumentError(
            absl::StrCat(where, ": event ", e.name(), ": attribute ", a.key(),
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
    if (Find(c.name())) {
      return absl::InvalidArgumentError(
          absl::StrCat("category ", c.name(), " declared twice"));
    }
    size_t slot = NameHash(c.name()) % kNameSlots;
    while (by_name_[slot].id >= 0) slot = (slot + 1) % kNameSlots;
    by_name_[slot] = NameSlot{c.name().data(), c.name().size(), i};
    CollectPermissions(c.android(), &android_permissions_);
    CollectPermissions(c.ios(), &ios_permissions_);
  }
  SortUnique(&android_permissions_);
  SortUnique(&ios_permissions_);
  return absl::OkStatus();
}

CategoryId Catalog::FindIndex(absl::string_view name) const {
  // Terminates: the table is at most half full.
  for (size_t slot = NameHash(name) % kNameSlots;;
       slot = (slot + 1) % kNameSlots) {
    const NameSlot& s = by_name_[slot];
    if (s.id < 0) return -1;
    if (s.size == name.size() && SameBytes(s.data, name.data(), s.size)) {
      return s.id;
    }
  }
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
