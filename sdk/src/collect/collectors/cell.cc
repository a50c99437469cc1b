// location.cell: the serving and neighbouring base stations, one event each.
#include "absl/strings/str_cat.h"
#include "collect/collectors/collectors.h"

namespace telegate::collect_internal {

namespace {

constexpr size_t kMaxStations = 32;

// Thread-compatible; writer thread.
class CellCollector : public Collector {
 public:
  CellCollector(const GrantToken&, BaseStations* stations)
      : stations_(stations) {}

  absl::Status Collect(const GrantToken&, CollectContext& context,
                       std::vector<CollectedEvent>* out) override {
    absl::StatusOr<BaseStationScan> scan = stations_->Scan();
    if (!scan.ok()) return scan.status();
    context.WarnAll(scan->warnings);
    size_t kept = 0;
    for (const BaseStation& s : scan->stations) {
      if (kept == kMaxStations) {
        context.Warn(absl::StrCat("more than ", kMaxStations,
                                  " base stations; the rest are skipped"));
        break;
      }
      CollectedEvent e("cell");
      e.AddString("radio", s.radio);
      e.AddInt("mcc", s.mcc);
      e.AddInt("mnc", s.mnc);
      e.AddInt("area_code", s.area_code);
      e.AddInt("cell_id", s.cell_id);
      e.AddInt("signal_dbm", s.signal_dbm);
      if (e.attributes().empty()) continue;
      out->push_back(std::move(e));
      ++kept;
    }
    return absl::OkStatus();
  }

 private:
  BaseStations* const stations_;
};

}  // namespace

std::unique_ptr<Collector> MakeCellCollector(const GrantToken& grant,
                                             const Env& env) {
  if (env.base_stations == nullptr) return nullptr;
  return std::make_unique<CellCollector>(grant, env.base_stations);
}

}  // namespace telegate::collect_internal
