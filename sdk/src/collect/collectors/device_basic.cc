// device.basic: model, OS, app version, language, screen, CPU and memory
// from DeviceFacts. Nothing here identifies the device on its own.
#include "collect/collectors/collectors.h"

namespace telegate::collect_internal {

namespace {

// Thread-compatible; writer thread.
class DeviceBasicCollector : public Collector {
 public:
  DeviceBasicCollector(const GrantToken&, DeviceFacts* facts) : facts_(facts) {}

  absl::Status Collect(const GrantToken&, CollectContext& context,
                       std::vector<CollectedEvent>* out) override {
    absl::StatusOr<DeviceInfo> info = facts_->Read();
    if (!info.ok()) return info.status();
    context.WarnAll(info->warnings);
    CollectedEvent e("device_info");
    e.AddString("model", info->model);
    e.AddString("manufacturer", info->manufacturer);
    e.AddString("os_name", info->os_name);
    e.AddString("os_version", info->os_version);
    e.AddString("kernel", info->kernel);
    e.AddString("app_version", info->app_version);
    e.AddString("language", info->language);
    // Zero means unknown (no display on a server, say).
    if (info->screen_width > 0) e.AddInt("screen_width", info->screen_width);
    if (info->screen_height > 0) e.AddInt("screen_height", info->screen_height);
    if (info->cpu_count > 0) e.AddInt("cpu_count", info->cpu_count);
    if (info->memory_mb > 0) e.AddInt("memory_mb", info->memory_mb);
    out->push_back(std::move(e));
    return absl::OkStatus();
  }

 private:
  DeviceFacts* const facts_;
};

}  // namespace

std::unique_ptr<Collector> MakeDeviceBasicCollector(const GrantToken& grant,
                                                    const Env& env) {
  if (env.device_facts == nullptr) return nullptr;
  return std::make_unique<DeviceBasicCollector>(grant, env.device_facts);
}

}  // namespace telegate::collect_internal
