#include "detectors.hpp"

#include <algorithm>

namespace mfg::arz {

DetectorRecord aggregate(const DetectorTotals& from, const DetectorTotals& to, int classes, const double* free_speed,
                         double start, double end) {
  DetectorRecord r;
  r.start = start;
  r.end = end;
  const double span = to.time - from.time;
  if (!(span > 0.0)) {
    for (int i = 0; i < classes; ++i) r.speed[i] = free_speed[i];
    return r;
  }
  for (int i = 0; i < classes; ++i) {
    const double count = to.count[i] - from.count[i];
    const double density_time = to.density_time[i] - from.density_time[i];
    r.flow[i] = count / span;
    r.density[i] = density_time / span;
    // A density integral this small holds no vehicle worth a speed (1e-9 veh over a second).
    r.speed[i] = density_time > 1e-9 ? count / density_time : free_speed[i];
  }
  r.occupancy = std::min(1.0, (to.occupancy_time - from.occupancy_time) / span);
  return r;
}

}  // namespace mfg::arz
