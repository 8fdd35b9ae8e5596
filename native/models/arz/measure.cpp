#include "measure.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#ifdef _OPENMP
#include <omp.h>
#endif

namespace mfg::arz {

void check_zones(const Scenario& sc, const std::vector<Zone>& zones) {
  for (std::size_t z = 0; z < zones.size(); ++z) {
    const Zone& zone = zones[z];
    const std::string name = "zones[" + std::to_string(z) + "]";
    if (zone.segment < 0 || zone.segment >= static_cast<int>(sc.segments.size()))
      throw std::invalid_argument(name + ": segment " + std::to_string(zone.segment) + " is out of range (the scenario has " +
                                  std::to_string(sc.segments.size()) + " segments)");
    const int n = sc.segments[static_cast<std::size_t>(zone.segment)].cells;
    if (zone.first_cell < 0 || zone.cells < 1 || zone.first_cell + zone.cells > n)
      throw std::invalid_argument(name + ": cells " + std::to_string(zone.first_cell) + " + " + std::to_string(zone.cells) +
                                  " are not within segment '" + sc.segments[static_cast<std::size_t>(zone.segment)].id + "' (" +
                                  std::to_string(n) + " cells); expected first_cell >= 0, cells >= 1, first_cell + cells <= " +
                                  std::to_string(n));
  }
}

namespace {

// Per-thread scratch for one segment's cell values.
struct CellScratch {
  std::vector<double> rho, v;
};

void measure_one(const Simulation& sim, const Zone& zone, double halt_speed, CellScratch& s, ZoneValues& out) {
  const Scenario& sc = sim.scenario();
  const Segment& seg = sc.segments[static_cast<std::size_t>(zone.segment)];
  s.rho.resize(static_cast<std::size_t>(seg.cells));
  s.v.resize(static_cast<std::size_t>(seg.cells));
  for (int c = 0; c < sc.class_count(); ++c) {
    sim.density(zone.segment, c, s.rho.data());
    sim.velocity(zone.segment, c, s.v.data());
    double vehicles = 0.0, halted = 0.0, moving = 0.0, delay = 0.0;
    for (int j = zone.first_cell; j < zone.first_cell + zone.cells; ++j) {
      const double rho = s.rho[static_cast<std::size_t>(j)], v = std::max(0.0, s.v[static_cast<std::size_t>(j)]);
      const double free = seg.vmax[c][static_cast<std::size_t>(j)];
      vehicles += rho;
      halted += v < halt_speed ? rho : 0.0;
      moving += rho * v;
      delay += free > 0.0 ? rho * std::max(0.0, 1.0 - v / free) : 0.0;
    }
    out.vehicles[c] = vehicles * seg.dx, out.halted[c] = halted * seg.dx;
    out.moving[c] = moving * seg.dx, out.delay[c] = delay * seg.dx;
  }
}

void queued(const Simulation& sim, double* out) {
  const auto t = sim.totals();
  for (int c = 0; c < sim.scenario().class_count(); ++c) out[c] = t.queued[c];
}

// One simulation's share of advance_measured.
void advance_one(Simulation& sim, double seconds, double sample, const std::vector<Zone>& zones, double halt_speed,
                 ZoneValues* out, double* queue_time) {
  const int classes = sim.scenario().class_count();
  CellScratch scratch;
  std::vector<ZoneValues> before(zones.size());
  for (std::size_t z = 0; z < zones.size(); ++z) {
    measure_one(sim, zones[z], halt_speed, scratch, before[z]);
    out[z] = ZoneValues{};
  }
  double q_before[kMaxClasses] = {}, q_after[kMaxClasses] = {};
  if (queue_time) queued(sim, q_before);
  for (int c = 0; c < classes; ++c)
    if (queue_time) queue_time[c] = 0.0;
  const int pieces = seconds > 0.0 ? std::max(1, static_cast<int>(std::ceil(seconds / sample - 1e-9))) : 0;
  const double h = pieces > 0 ? seconds / pieces : 0.0;
  for (int k = 0; k < pieces; ++k) {
    sim.step(h);
    for (std::size_t z = 0; z < zones.size(); ++z) {
      ZoneValues now;
      measure_one(sim, zones[z], halt_speed, scratch, now);
      ZoneValues& acc = out[z];
      for (int c = 0; c < classes; ++c) {
        acc.vehicle_time[c] += 0.5 * h * (before[z].vehicles[c] + now.vehicles[c]);
        acc.halted_time[c] += 0.5 * h * (before[z].halted[c] + now.halted[c]);
        acc.delay_time[c] += 0.5 * h * (before[z].delay[c] + now.delay[c]);
        acc.stops[c] += std::max(0.0, now.halted[c] - before[z].halted[c]);
      }
      before[z] = now;
    }
    if (queue_time) {
      queued(sim, q_after);
      for (int c = 0; c < classes; ++c) queue_time[c] += 0.5 * h * (q_before[c] + q_after[c]), q_before[c] = q_after[c];
    }
  }
  for (std::size_t z = 0; z < zones.size(); ++z)
    for (int c = 0; c < classes; ++c) {
      out[z].vehicles[c] = before[z].vehicles[c], out[z].halted[c] = before[z].halted[c];
      out[z].moving[c] = before[z].moving[c], out[z].delay[c] = before[z].delay[c];
    }
}

}  // namespace

void measure_zones(const Simulation& sim, const std::vector<Zone>& zones, double halt_speed, ZoneValues* out) {
  CellScratch scratch;
  for (std::size_t z = 0; z < zones.size(); ++z) {
    out[z] = ZoneValues{};
    measure_one(sim, zones[z], halt_speed, scratch, out[z]);
  }
}

void advance_measured(Batch& batch, double seconds, double sample, int threads, const std::vector<Zone>& zones,
                      double halt_speed, ZoneValues* out, double* queue_time) {
  if (!std::isfinite(seconds) || seconds < 0.0)
    throw std::invalid_argument("seconds: expected a finite number >= 0, received " + std::to_string(seconds));
  if (!std::isfinite(sample) || sample <= 0.0)
    throw std::invalid_argument("sample: expected a finite number of seconds > 0, received " + std::to_string(sample));
  if (batch.size() > 0) check_zones(batch[0].scenario(), zones);
  const long long n = batch.size();
  const std::size_t nz = zones.size();
  const auto classes = static_cast<std::size_t>(n > 0 ? batch[0].scenario().class_count() : 0);
  std::string failure;
#ifdef _OPENMP
  const int team = threads > 0 ? threads : omp_get_max_threads();
#pragma omp parallel for schedule(dynamic, 1) num_threads(team) if (n > 1 && team > 1)
#else
  (void)threads;
#endif
  for (long long i = 0; i < n; ++i) {
    const auto k = static_cast<std::size_t>(i);
    // An exception must not leave an OpenMP region: keep the first message, rethrow after it.
    try {
      advance_one(batch[static_cast<int>(i)], seconds, sample, zones, halt_speed, out + k * nz,
                  queue_time ? queue_time + k * classes : nullptr);
    } catch (const std::exception& e) {
#ifdef _OPENMP
#pragma omp critical(mfg_arz_advance_error)
#endif
      if (failure.empty()) failure = "simulation " + std::to_string(i) + ": " + e.what();
    }
  }
  if (!failure.empty()) throw std::runtime_error(failure);
}

}  // namespace mfg::arz
