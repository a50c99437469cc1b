// Factories of the platform collectors (one .cc per category). Only the
// registry calls them, and only with a GrantToken of the category.
#ifndef TELEGATE_COLLECT_COLLECTORS_COLLECTORS_H_
#define TELEGATE_COLLECT_COLLECTORS_COLLECTORS_H_

#include <memory>

#include "collect/collector.h"

namespace telegate::collect_internal {

using consent_internal::GrantToken;

std::unique_ptr<Collector> MakeDeviceBasicCollector(const GrantToken& grant,
                                                    const Env& env);
std::unique_ptr<Collector> MakeDeviceIdentifiersCollector(
    const GrantToken& grant, const Env& env);
std::unique_ptr<Collector> MakeAppListCollector(const GrantToken& grant,
                                                const Env& env);
std::unique_ptr<Collector> MakeAppUsageCollector(const GrantToken& grant,
                                                 const Env& env);
std::unique_ptr<Collector> MakePreciseLocationCollector(
    const GrantToken& grant, const Env& env);
std::unique_ptr<Collector> MakeCoarseLocationCollector(const GrantToken& grant,
                                                       const Env& env);
std::unique_ptr<Collector> MakeWifiCollector(const GrantToken& grant,
                                             const Env& env);
std::unique_ptr<Collector> MakeBluetoothCollector(const GrantToken& grant,
                                                  const Env& env);
std::unique_ptr<Collector> MakeCellCollector(const GrantToken& grant,
                                             const Env& env);
std::unique_ptr<Collector> MakeCarrierCollector(const GrantToken& grant,
                                                const Env& env);
std::unique_ptr<Collector> MakeAccessCollector(const GrantToken& grant,
                                               const Env& env);

// Coarse location grid, in degrees: 0.01° is about 1.1 km of latitude.
inline constexpr double kCoarseGridDegrees = 0.01;
// The least accuracy a coarse fix reports, in metres.
inline constexpr double kCoarseMinAccuracyM = 1000;
// Precise fixes keep 5 decimals (about 1.1 m), no more than GPS can give.
inline constexpr double kPreciseGridDegrees = 0.00001;

// Lower-case "aa:bb:cc:dd:ee:ff" for a MAC address written with ':' or '-'
// separators in either case; "" if `raw` is not one.
std::string NormalizeHardwareAddress(absl::string_view raw);

// Rounds `degrees` to the nearest multiple of `grid`.
double RoundToGrid(double degrees, double grid);

}  // namespace telegate::collect_internal

#endif  // TELEGATE_COLLECT_COLLECTORS_COLLECTORS_H_
