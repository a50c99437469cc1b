// device.app_list: the installed package names (no versions), sorted, in
// as many events as it takes to keep each under kMaxPartBytes.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "collect/collectors/collectors.h"

namespace telegate::collect_internal {

namespace {

constexpr size_t kMaxPackages = 10000;
constexpr size_t kMaxPackageName = 255;
constexpr size_t kMaxPartBytes = 8 << 10;

// A package name goes into a comma-separated list: no commas, no control
// characters or spaces, and a sane length.
bool IsListablePackage(absl::string_view name) {
  if (name.empty() || name.size() > kMaxPackageName) return false;
  for (char c : name) {
    if (c == ',' || static_cast<unsigned char>(c) <= ' ' || c == 0x7f) {
      return false;
    }
  }
  return true;
}

// Thread-compatible; writer thread.
class AppListCollector : public Collector {
 public:
  AppListCollector(const GrantToken&, InstalledApps* apps) : apps_(apps) {}

  absl::Status Collect(const GrantToken&, CollectContext& context,
                       std::vector<CollectedEvent>* out) override {
    absl::StatusOr<AppList> list = apps_->List();
    if (!list.ok()) return list.status();
    context.WarnAll(list->warnings);
    std::vector<std::string>& packages = list->packages;
    int64_t rejected = 0;
    packages.erase(std::remove_if(packages.begin(), packages.end(),
                                  [&rejected](const std::string& p) {
                                    bool bad = !IsListablePackage(p);
                                    rejected += bad;
                                    return bad;
                                  }),
                   packages.end());
    if (rejected > 0) {
      context.Warn(absl::StrCat(rejected, " malformed package name(s) skipped"));
    }
    std::sort(packages.begin(), packages.end());
    packages.erase(std::unique(packages.begin(), packages.end()),
                   packages.end());
    if (packages.size() > kMaxPackages) {
      context.Warn(absl::StrCat(packages.size(), " packages; only the first ",
                                kMaxPackages, " are listed"));
      packages.resize(kMaxPackages);
    }
    std::vector<std::string> parts(1);
    for (const std::string& p : packages) {
      if (!parts.back().empty() &&
          parts.back().size() + 1 + p.size() > kMaxPartBytes) {
        parts.emplace_back();
      }
      if (!parts.back().empty()) parts.back().push_back(',');
      parts.back() += p;
    }
    const int64_t count = static_cast<int64_t>(packages.size());
    for (size_t i = 0; i < parts.size(); ++i) {
      CollectedEvent e("app_list");
      e.AddInt("count", count);
      e.AddString("packages", parts[i]);
      e.AddInt("part", static_cast<int64_t>(i + 1));
      e.AddInt("parts", static_cast<int64_t>(parts.size()));
      out->push_back(std::move(e));
    }
    return absl::OkStatus();
  }

 private:
  InstalledApps* const apps_;
};

}  // namespace

std::unique_ptr<Collector> MakeAppListCollector(const GrantToken& grant,
                                                const Env& env) {
  if (env.installed_apps == nullptr) return nullptr;
  return std::make_unique<AppListCollector>(grant, env.installed_apps);
}

}  // namespace telegate::collect_internal
