// Fuzz target: policy (catalog) loading. A host may supply its own policy
// document, so Catalog::Parse sees outside bytes. Checks that a document
// either fails with kInvalidArgument or yields a catalog whose lookups are
// consistent: every category is found by its name at its own index, every
// declared event is found, and the permission lists are sorted and unique.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

#include "catalog/catalog.h"
#include "fuzz_check.h"

namespace telegate::catalog_internal {
namespace {

void CheckPermissions(const std::vector<std::string>& all) {
  FUZZ_CHECK(std::is_sorted(all.begin(), all.end()));
  FUZZ_CHECK(std::adjacent_find(all.begin(), all.end()) == all.end());
}

void CheckCatalog(const Catalog& catalog) {
  FUZZ_CHECK(catalog.size() > 0 && catalog.size() <= kMaxCategories);
  FUZZ_CHECK(catalog.version_major() > 0);
  for (CategoryId id = 0; id < catalog.size(); ++id) {
    const std::string& name = catalog.name(id);
    std::optional<CategoryId> found = catalog.Find(name);
    FUZZ_CHECK(found.has_value() && *found == id);
    // A name that differs by one byte is a different category (or none).
    std::string other = name;
    other.back() ^= 1;
    std::optional<CategoryId> near = catalog.Find(other);
    FUZZ_CHECK(!near.has_value() || catalog.name(*near) == other);
    FUZZ_CHECK(!catalog.Find(name + ".").has_value());
    for (const proto::EventSpec& e : catalog.category(id).events()) {
      FUZZ_CHECK(catalog.FindEvent(id, e.name()) == &e);
    }
    for (Platform p : {Platform::kAndroid, Platform::kIos}) {
      // Any grant pattern: nothing missing when all is granted.
      const proto::PlatformRequirement& req = catalog.Requirement(id, p);
      FUZZ_CHECK(MissingPermissions(req, 30, [](const std::string&) {
                   return true;
                 }).empty());
      MissingPermissions(req, 30, [](const std::string& s) {
        return s.size() % 2 == 0;
      });
    }
  }
  FUZZ_CHECK(!catalog.Find("").has_value());
  CheckPermissions(catalog.AllPermissions(Platform::kAndroid));
  CheckPermissions(catalog.AllPermissions(Platform::kIos));
}

}  // namespace
}  // namespace telegate::catalog_internal

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using telegate::catalog_internal::Catalog;
  absl::StatusOr<std::shared_ptr<const Catalog>> catalog = Catalog::Parse(
      absl::string_view(reinterpret_cast<const char*>(data), size));
  if (!catalog.ok()) {
    FUZZ_CHECK(catalog.status().code() == absl::StatusCode::kInvalidArgument);
    return 0;
  }
  telegate::catalog_internal::CheckCatalog(**catalog);
  return 0;
}
