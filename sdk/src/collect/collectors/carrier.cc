// network.carrier: network type, operator and interface count (never a
// hardware address: the seam does not even carry one).
#include "collect/collectors/collectors.h"

namespace telegate::collect_internal {

namespace {

// Thread-compatible; writer thread.
class CarrierCollector : public Collector {
 public:
  CarrierCollector(const GrantToken&, NetworkInfo* network)
      : network_(network) {}

  absl::Status Collect(const GrantToken&, CollectContext& context,
                       std::vector<CollectedEvent>* out) override {
    absl::StatusOr<CarrierInfo> info = network_->Carrier();
    if (!info.ok()) return info.status();
    context.WarnAll(info->warnings);
    CollectedEvent e("network");
    e.AddString("network_type", info->network_type);
    e.AddString("operator_name", info->operator_name);
    e.AddInt("mcc", info->mcc);
    e.AddInt("mnc", info->mnc);
    e.AddInt("interface_count", info->interface_count);
    if (e.attributes().empty()) {
      return absl::UnavailableError("no network information");
    }
    out->push_back(std::move(e));
    return absl::OkStatus();
  }

 private:
  NetworkInfo* const network_;
};

}  // namespace

std::unique_ptr<Collector> MakeCarrierCollector(const GrantToken& grant,
                                                const Env& env) {
  if (env.network == nullptr) return nullptr;
  return std::make_unique<CarrierCollector>(grant, env.network);
}

}  // namespace telegate::collect_internal
