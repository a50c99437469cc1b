// Catalog: the validated, immutable policy document (categories, their OS
// permissions, events and attributes), with fast lookups.
//
//   absl::StatusOr<std::shared_ptr<const Catalog>> catalog =
//   Catalog::Default(); std::optional<CategoryId> id =
//   (*catalog)->Find("location.precise");
//
// Thread-safe: immutable after construction.
#ifndef TELEGATE_CATALOG_CATALOG_H_
#define TELEGATE_CATALOG_CATALOG_H_

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "telegate/permission_source.h"
#include "telegate/policy.pb.h"

namespace telegate::catalog_internal {

// Index of a category in catalog order.
using CategoryId = int;
// Categories are tracked in 64-bit masks.
constexpr int kMaxCategories = 64;

// True if `name` may name a category: lower-case [a-z0-9_] words joined by
// single dots, at most 64 bytes, whose last word is not "alt". The key and
// file names the store derives from such names never collide: not between
// two categories, nor between a category and another's rotation slot
// (store/store.h), nor on a case-insensitive file system.
bool IsValidCategoryName(absl::string_view name);

class Catalog {
 public:
  // Parses and validates a serialized telegate.proto.Policy.
  // kInvalidArgument, naming the offending entry, if it is malformed.
  static absl::StatusOr<std::shared_ptr<const Catalog>> Parse(
      absl::string_view bytes);
  // The built-in policy (proto/catalog/default_policy.textproto).
  static absl::StatusOr<std::shared_ptr<const Catalog>> Default();
  // The serialized built-in policy.
  static absl::string_view DefaultPolicyBytes();

  int size() const { return policy_.categories_size(); }
  uint32_t version_major() const { return policy_.version_major(); }
  uint32_t version_minor() const { return policy_.version_minor(); }
  const proto::Policy& policy() const { return policy_; }

  // Returns the id of the category called `name`, if declared. Does not
  // allocate; a few nanoseconds (Track calls it on every event). Inline
  // over an int-returning lookup: an optional returned from an out-of-line
  // call goes through memory and stalls the caller's load.
  std::optional<CategoryId> Find(absl::string_view name) const {
    CategoryId id = FindIndex(name);
    if (id < 0) return std::nullopt;
    return id;
  }
  const proto::Category& category(CategoryId id) const {
    return policy_.categories(id);
  }
  const std::string& name(CategoryId id) const {
    return policy_.categories(id).name();
  }
  // The declaration of `event` in category `id`, or nullptr.
  const proto::EventSpec* FindEvent(CategoryId id,
                                    absl::string_view event) const;

  // The category's requirement on `platform`.
  const proto::PlatformRequirement& Requirement(CategoryId id,
                                                Platform platform) const;
  // Every permission name any category needs on `platform`, sorted, unique.
  const std::vector<std::string>& AllPermissions(Platform platform) const;

 private:
  explicit Catalog(proto::Policy policy);
  absl::Status Index();
  // The id of the category called `name`, or -1.
  CategoryId FindIndex(absl::string_view name) const;

  // Open-addressed name table, probed linearly from NameHash(name); at most
  // half full. Views into policy_ (stable: the Catalog is never moved).
  struct NameSlot {
    const char* data = nullptr;
    size_t size = 0;
    CategoryId id = -1;  // -1: empty
  };
  static constexpr size_t kNameSlots = 2 * kMaxCategories;

  proto::Policy policy_;
  std::array<NameSlot, kNameSlots> by_name_;
  std::vector<std::string> android_permissions_;
  std::vector<std::string> ios_permissions_;
};

// Permission names of `requirement` that are not granted, for the clauses
// that apply at `os_level`. For a clause with alternatives none of which is
// granted, names them all joined by "|". `is_granted` is called per name.
template <typename IsGranted>
std::vector<std::string> MissingPermissions(
    const proto::PlatformRequirement& requirement, int os_level,
    IsGranted is_granted) {
  std::vector<std::string> missing;
  for (const proto::PermissionClause& clause : requirement.clauses()) {
    if (clause.min_os_level() != 0 && os_level < clause.min_os_level())
      continue;
    if (clause.max_os_level() != 0 && os_level > clause.max_os_level())
      continue;
    bool any = false;
    for (const std::string& p : clause.any_of()) {
      if (is_granted(p)) {
        any = true;
        break;
      }
    }
    if (!any) {
      std::string names;
      for (const std::string& p : clause.any_of()) {
        if (!names.empty()) names.push_back('|');
        names += p;
      }
      missing.push_back(std::move(names));
    }
  }
  return missing;
}

}  // namespace telegate::catalog_internal

#endif  // TELEGATE_CATALOG_CATALOG_H_
