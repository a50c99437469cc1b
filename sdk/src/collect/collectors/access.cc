// log.access: IP address, browser, language and the time of access.
#include "collect/collectors/collectors.h"

namespace telegate::collect_internal {

namespace {

// Thread-compatible; writer thread.
class AccessCollector : public Collector {
 public:
  AccessCollector(const GrantToken&, AccessContext* access) : access_(access) {}

  absl::Status Collect(const GrantToken&, CollectContext& context,
                       std::vector<CollectedEvent>* out) override {
    absl::StatusOr<AccessInfo> info = access_->Read();
    if (!info.ok()) return info.status();
    context.WarnAll(info->warnings);
    CollectedEvent e("access");
    e.AddString("ip", info->ip);
    e.AddString("browser", info->browser);
    e.AddString("language", info->language);
    e.AddInt("access_time_ms", absl::ToUnixMillis(context.Now()));
    out->push_back(std::move(e));
    return absl::OkStatus();
  }

 private:
  AccessContext* const access_;
};

}  // namespace

std::unique_ptr<Collector> MakeAccessCollector(const GrantToken& grant,
                                               const Env& env) {
  if (env.access == nullptr) return nullptr;
  return std::make_unique<AccessCollector>(grant, env.access);
}

}  // namespace telegate::collect_internal
