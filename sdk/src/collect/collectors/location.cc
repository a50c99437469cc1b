// location.precise and location.coarse, from LocationSource.
//
// Precise fixes keep 5 decimals (about 1.1 m). Coarse fixes are rounded to a
// 0.01° grid — about 1.1 km north-south and at most as much east-west, so
// the reported point lies within about 0.8 km of the platform's — and never
// claim an accuracy better than 1 km. The coarse collector asks the platform
// only for a coarse fix and rounds whatever it gets, even a precise one.
#include <algorithm>
#include <cmath>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "collect/collectors/collectors.h"

namespace telegate::collect_internal {

namespace {

bool ValidPosition(const LocationFix& fix) {
  return std::isfinite(fix.latitude) && std::isfinite(fix.longitude) &&
         std::fabs(fix.latitude) <= 90 && std::fabs(fix.longitude) <= 180;
}

// ISO 3166-1 alpha-2 ("CN") or 3166-2 ("CN-SH", "GB-ENG").
bool ValidRegion(absl::string_view r) {
  if (r.size() < 2 || !absl::ascii_isupper(r[0]) || !absl::ascii_isupper(r[1])) {
    return false;
  }
  if (r.size() == 2) return true;
  if (r[2] != '-' || r.size() < 4 || r.size() > 6) return false;
  for (char c : r.substr(3)) {
    if (!absl::ascii_isupper(c) && !absl::ascii_isdigit(c)) return false;
  }
  return true;
}

std::optional<double> NonNegative(const std::optional<double>& v,
                                  absl::string_view what,
                                  CollectContext& context) {
  if (!v) return std::nullopt;
  if (!std::isfinite(*v) || *v < 0) {
    context.Warn(absl::StrCat("invalid ", what, " skipped"));
    return std::nullopt;
  }
  return v;
}

// Reads a fix and checks its position; warns about what it drops.
absl::StatusOr<LocationFix> ReadFix(LocationSource* source,
                                    LocationAccuracy accuracy,
                                    CollectContext& context) {
  absl::StatusOr<LocationFix> fix = source->CurrentFix(accuracy);
  if (!fix.ok()) return fix.status();
  context.WarnAll(fix->warnings);
  if (!ValidPosition(*fix)) {
    return absl::UnavailableError("the platform's position is out of range");
  }
  return fix;
}

// Thread-compatible; writer thread.
class PreciseLocationCollector : public Collector {
 public:
  PreciseLocationCollector(const GrantToken&, LocationSource* source)
      : source_(source) {}

  absl::Status Collect(const GrantToken&, CollectContext& context,
                       std::vector<CollectedEvent>* out) override {
    absl::StatusOr<LocationFix> fix =
        ReadFix(source_, LocationAccuracy::kPrecise, context);
    if (!fix.ok()) return fix.status();
    CollectedEvent e("fix");
    e.AddDouble("latitude", RoundToGrid(fix->latitude, kPreciseGridDegrees));
    e.AddDouble("longitude", RoundToGrid(fix->longitude, kPreciseGridDegrees));
    e.AddDouble("accuracy_m", NonNegative(fix->accuracy_m, "accuracy", context));
    if (fix->altitude_m && !std::isfinite(*fix->altitude_m)) {
      context.Warn("invalid altitude skipped");
    } else {
      e.AddDouble("altitude_m", fix->altitude_m);
    }
    out->push_back(std::move(e));
    return absl::OkStatus();
  }

 private:
  LocationSource* const source_;
};

// Thread-compatible; writer thread.
class CoarseLocationCollector : public Collector {
 public:
  CoarseLocationCollector(const GrantToken&, LocationSource* source)
      : source_(source) {}

  absl::Status Collect(const GrantToken&, CollectContext& context,
                       std::vector<CollectedEvent>* out) override {
    absl::StatusOr<LocationFix> fix =
        ReadFix(source_, LocationAccuracy::kCoarse, context);
    if (!fix.ok()) return fix.status();
    CollectedEvent e("coarse_fix");
    e.AddDouble("latitude", RoundToGrid(fix->latitude, kCoarseGridDegrees));
    e.AddDouble("longitude", RoundToGrid(fix->longitude, kCoarseGridDegrees));
    std::optional<double> accuracy =
        NonNegative(fix->accuracy_m, "accuracy", context);
    e.AddDouble("accuracy_m", std::max(accuracy.value_or(0), kCoarseMinAccuracyM));
    if (!fix->region.empty()) {
      if (ValidRegion(fix->region)) {
        e.AddString("region", fix->region);
      } else {
        context.Warn("malformed region skipped");
      }
    }
    out->push_back(std::move(e));
    return absl::OkStatus();
  }

 private:
  LocationSource* const source_;
};

}  // namespace

double RoundToGrid(double degrees, double grid) {
  // Work in whole grid steps so that 121.4737 -> 121.47 exactly as printed.
  double steps = std::round(degrees / grid);
  double decimals = std::round(-std::log10(grid));
  double scale = std::pow(10.0, decimals);
  return std::round(steps * grid * scale) / scale;
}

std::unique_ptr<Collector> MakePreciseLocationCollector(
    const GrantToken& grant, const Env& env) {
  if (env.location == nullptr) return nullptr;
  return std::make_unique<PreciseLocationCollector>(grant, env.location);
}

std::unique_ptr<Collector> MakeCoarseLocationCollector(const GrantToken& grant,
                                                       const Env& env) {
  if (env.location == nullptr) return nullptr;
  return std::make_unique<CoarseLocationCollector>(grant, env.location);
}

}  // namespace telegate::collect_internal
