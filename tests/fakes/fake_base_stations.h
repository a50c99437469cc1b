// FakeBaseStations: a scripted cell scan that counts scans.
#ifndef TELEGATE_TESTS_FAKES_FAKE_BASE_STATIONS_H_
#define TELEGATE_TESTS_FAKES_FAKE_BASE_STATIONS_H_

#include "fakes/scripted.h"
#include "telegate/base_stations.h"

namespace telegate::testing {

inline BaseStationScan DefaultCellScan() {
  BaseStationScan s;
  s.stations.push_back({"lte", 460, 0, 4660, 12345, -95});
  return s;
}

// Thread-safe.
class FakeBaseStations : public BaseStations {
 public:
  absl::StatusOr<BaseStationScan> Scan() override { return scan.Next(); }
  Scripted<BaseStationScan> scan{DefaultCellScan()};
};

}  // namespace telegate::testing

#endif  // TELEGATE_TESTS_FAKES_FAKE_BASE_STATIONS_H_
