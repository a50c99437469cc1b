// device.usage: per-package foreground time and last use over the last 24
// hours (the default schedule collects it daily), one event per package.
#include "absl/strings/str_cat.h"
#include "collect/collectors/collectors.h"

namespace telegate::collect_internal {

namespace {

constexpr size_t kMaxRecords = 500;
constexpr absl::Duration kWindow = absl::Hours(24);

// Thread-compatible; writer thread.
class AppUsageCollector : public Collector {
 public:
  AppUsageCollector(const GrantToken&, UsageRecords* usage) : usage_(usage) {}

  absl::Status Collect(const GrantToken&, CollectContext& context,
                       std::vector<CollectedEvent>* out) override {
    absl::Time now = context.Now();
    absl::StatusOr<UsageReport> report = usage_->Query(now - kWindow, now);
    if (!report.ok()) return report.status();
    context.WarnAll(report->warnings);
    size_t kept = 0;
    for (const UsageRecord& r : report->records) {
      if (r.package.empty()) {
        context.Warn("usage record without a package skipped");
        continue;
      }
      if (kept == kMaxRecords) {
        context.Warn(absl::StrCat("more than ", kMaxRecords,
                                  " usage records; the rest are skipped"));
        break;
      }
      CollectedEvent e("app_usage");
      e.AddString("package", r.package);
      if (r.foreground_ms && *r.foreground_ms >= 0) {
        e.AddInt("foreground_ms", *r.foreground_ms);
      }
      if (r.last_used_ms && *r.last_used_ms >= 0) {
        e.AddInt("last_used_ms", *r.last_used_ms);
      }
      out->push_back(std::move(e));
      ++kept;
    }
    return absl::OkStatus();
  }

 private:
  UsageRecords* const usage_;
};

}  // namespace

std::unique_ptr<Collector> MakeAppUsageCollector(const GrantToken& grant,
                                                 const Env& env) {
  if (env.usage_records == nullptr) return nullptr;
  return std::make_unique<AppUsageCollector>(grant, env.usage_records);
}

}  // namespace telegate::collect_internal
