// FakeNetworkInfo: scripted carrier information that counts reads.
#ifndef TELEGATE_TESTS_FAKES_FAKE_NETWORK_INFO_H_
#define TELEGATE_TESTS_FAKES_FAKE_NETWORK_INFO_H_

#include "fakes/scripted.h"
#include "telegate/network_info.h"

namespace telegate::testing {

inline CarrierInfo DefaultCarrier() {
  CarrierInfo c;
  c.network_type = "cellular";
  c.operator_name = "China Mobile";
  c.mcc = 460;
  c.mnc = 0;
  c.interface_count = 2;
  return c;
}

// Thread-safe.
class FakeNetworkInfo : public NetworkInfo {
 public:
  absl::StatusOr<CarrierInfo> Carrier() override { return carrier.Next(); }
  Scripted<CarrierInfo> carrier{DefaultCarrier()};
};

}  // namespace telegate::testing

#endif  // TELEGATE_TESTS_FAKES_FAKE_NETWORK_INFO_H_
