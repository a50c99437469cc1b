// FakeLocationSource: a scripted position that counts requests per accuracy.
#ifndef TELEGATE_TESTS_FAKES_FAKE_LOCATION_SOURCE_H_
#define TELEGATE_TESTS_FAKES_FAKE_LOCATION_SOURCE_H_

#include "fakes/scripted.h"
#include "telegate/location_source.h"

namespace telegate::testing {

inline LocationFix DefaultFix() {
  LocationFix f;
  f.latitude = 31.230416;
  f.longitude = 121.473701;
  f.accuracy_m = 6.5;
  f.altitude_m = 12;
  f.region = "CN-SH";
  return f;
}

// Thread-safe.
class FakeLocationSource : public LocationSource {
 public:
  absl::StatusOr<LocationFix> CurrentFix(LocationAccuracy accuracy) override {
    return accuracy == LocationAccuracy::kPrecise ? precise.Next()
                                                  : coarse.Next();
  }
  Scripted<LocationFix> precise{DefaultFix()};
  Scripted<LocationFix> coarse{DefaultFix()};
};

}  // namespace telegate::testing

#endif  // TELEGATE_TESTS_FAKES_FAKE_LOCATION_SOURCE_H_
