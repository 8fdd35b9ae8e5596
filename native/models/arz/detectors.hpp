// Loop detectors: vehicles counted through one cell face, density and occupancy sampled at it,
// per class, accumulated over time and aggregated per interval (the 20 s / 1 min / 5 min records of
// real loop data).
//
// Aggregates over an interval of length T: flow = count / T, density = (integral of rho dt) / T, the
// space-mean speed = count / (integral of rho dt) (Edie's definition restricted to the detector: the
// speed that makes q = k v hold for the interval; the free speed there when no vehicle was seen),
// occupancy = the time-average of sum_i rho_i (L_i + loop length), at most 1.
#pragma once

#include <vector>

#include "law.hpp"

namespace mfg::arz {

struct DetectorTotals {
  double count[kMaxClasses] = {};         // veh through the face
  double density_time[kMaxClasses] = {};  // integral of the density, veh s / m
  double occupancy_time = 0.0;            // integral of the occupancy, s
  double time = 0.0;                      // s covered
};

struct DetectorRecord {
  double start = 0.0, end = 0.0;    // s
  double flow[kMaxClasses] = {};     // veh/s
  double density[kMaxClasses] = {};  // veh/m
  double speed[kMaxClasses] = {};    // m/s
  double occupancy = 0.0;            // fraction of time
};

struct DetectorState {
  DetectorTotals totals, at_interval_start;
  double interval_start = 0.0;
  std::vector<DetectorRecord> records;
};

// The record of [start, end] from the totals at both ends; free_speed[i] where nothing was seen.
DetectorRecord aggregate(const DetectorTotals& from, const DetectorTotals& to, int classes, const double* free_speed,
                         double start, double end);

}  // namespace mfg::arz
