// Measurements over zones (a range of cells of one segment) of a simulation, for controllers and the
// RL environment: vehicles, the queue (vehicles slower than a halting speed), the speed sum and the
// delay, now and integrated over an interval. One call measures a whole batch, so the Python side
// never loops over environments.
//
// Delay of a cell: rho dx (1 - v / v_free), v_free the cell's free speed (its road category's Vmax
// capped by the speed limit): the vehicles' lost time per second, the macroscopic form of the
// "delay = travel time - free-flow travel time" of the HCM (TRB 2016, ch. 19).
// Integrals over an interval are trapezoid sums over samples taken every `sample` seconds (the
// simulation is stepped exactly to each sample time); stops are the sum of the queue's increases
// between samples (a lower bound of the vehicles that joined the queue).
#pragma once

#include <cstdint>
#include <vector>

#include "batch.hpp"

namespace mfg::arz {

struct Zone {
  int segment = 0, first_cell = 0, cells = 0;
};

struct ZoneValues {
  double vehicles[kMaxClasses] = {}, halted[kMaxClasses] = {}, moving[kMaxClasses] = {}, delay[kMaxClasses] = {};
  double vehicle_time[kMaxClasses] = {}, halted_time[kMaxClasses] = {}, delay_time[kMaxClasses] = {};
  double stops[kMaxClasses] = {};
};

// Throws std::invalid_argument naming the zone when a segment or cell range is out of the scenario.
void check_zones(const Scenario& scenario, const std::vector<Zone>& zones);

// The instantaneous values (vehicles, halted, moving, delay) of every zone; the integrals are zeroed.
void measure_zones(const Simulation& sim, const std::vector<Zone>& zones, double halt_speed, ZoneValues* out);

// Every simulation advances `seconds` in equal sub-steps of at most `sample` seconds, across `threads`
// threads (<= 0: OpenMP's default); out[i * zones + z] receives zone z of simulation i (end values and
// the integrals over the call), queue_time[i * classes + c] (if not null) the integral of the vehicles
// waiting at sources. Bitwise independent of the thread count.
void advance_measured(Batch& batch, double seconds, double sample, int threads, const std::vector<Zone>& zones,
                      double halt_speed, ZoneValues* out, double* queue_time);

}  // namespace mfg::arz
