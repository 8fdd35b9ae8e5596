// One time step of a Simulation: relaxation half steps around the transport stages, with the
// bookkeeping (sources' queues, inflow and outflow, detectors) weighted by each stage's share of the
// step, so that the balance inflow - outflow = change on the network holds to round-off.
#include <algorithm>
#include <cmath>

#include "demand.hpp"
#include "network_flux.hpp"
#include "relaxation.hpp"
#include "simulation.hpp"
#include "transport.hpp"

namespace mfg::arz {

namespace {

// The Shu-Osher form of SSP-RK3 (Shu & Osher 1988, J. Comput. Phys. 77): U_s = a U0 + b (U + dt L(U)),
// and the weight of each stage's fluxes in the step's net transfer (1/6, 1/6, 2/3).
struct Stage { double a, b, weight; };
constexpr Stage kEuler[] = {{0.0, 1.0, 1.0}};
constexpr Stage kSspRk3[] = {{0.0, 1.0, 1.0 / 6.0}, {0.75, 0.25, 1.0 / 6.0}, {1.0 / 3.0, 2.0 / 3.0, 2.0 / 3.0}};

double source_rate(const Scenario& sc, std::size_t s, int c, double t, std::uint64_t seed) {
  const Source& src = sc.sources[s];
  const double q = src.demand[c].at(t);
  if (!(src.noise > 0.0)) return q;
  const auto interval = static_cast<std::int64_t>(std::floor(t / src.noise_interval));
  return q * demand_noise_factor(seed, static_cast<int>(s), c, interval, src.noise);
}

}  // namespace

void Simulation::advance(double dt) {
  const Scenario& sc = *scenario_;
  const int classes = sc.class_count();
  const auto C = static_cast<std::size_t>(classes);
  relax_network(sc, segments_, pending_relaxation_ + 0.5 * dt);
  pending_relaxation_ = 0.0;

  // Demands are held over the step; a queue is served as fast as the road takes it, never below zero.
  for (std::size_t s = 0; s < sc.sources.size(); ++s)
    for (int c = 0; c < classes; ++c) {
      const std::size_t k = s * C + static_cast<std::size_t>(c);
      source_demand_[k] = source_rate(sc, s, c, t_, seed_) + source_queue_[k] / dt;
      source_flow_[k] = 0.0;
    }

  // Detectors sample density and occupancy at the step's start.
  for (std::size_t d = 0; d < sc.detectors.size(); ++d) {
    const Detector& det = sc.detectors[d];
    const Segment& seg = sc.segments[static_cast<std::size_t>(det.segment)];
    const SegmentState& st = segments_[static_cast<std::size_t>(det.segment)];
    const int lo = std::max(det.face - 1, 0), hi = std::min(det.face, seg.cells - 1);
    DetectorTotals& tot = detectors_[d].totals;
    double occupancy = 0.0;
    for (int c = 0; c < classes; ++c) {
      const double rho = 0.5 * (std::max(0.0, st.cell_rho(c)[lo]) + std::max(0.0, st.cell_rho(c)[hi]));
      tot.density_time[c] += dt * rho;
      occupancy += rho * (sc.classes[static_cast<std::size_t>(c)].length + det.loop_length);
    }
    tot.occupancy_time += dt * std::min(1.0, occupancy);
    tot.time += dt;
  }

  const bool rk3 = sc.numerics.integrator == TimeIntegrator::SspRk3;
  if (rk3)
    for (auto& st : segments_)
      for (int c = 0; c < classes; ++c) {
        st.rho0[c] = st.rho[c];
        st.y0[c] = st.y[c];
      }
  double inflow[kMaxClasses] = {}, outflow[kMaxClasses] = {};
  const Stage* stages = rk3 ? kSspRk3 : kEuler;
  const int stage_count = rk3 ? 3 : 1;
  for (int k = 0; k < stage_count; ++k) {
    const Stage& stage = stages[k];
    const double share = stage.weight * dt;
    for (std::size_t s = 0; s < sc.segments.size(); ++s) fill_ghosts(sc.segments[s], classes, segments_[s]);
    compute_node_fluxes(sc, signals_, source_demand_.data(), segments_);
    for (std::size_t s = 0; s < sc.sources.size(); ++s)
      for (int c = 0; c < classes; ++c)
        source_flow_[s * C + static_cast<std::size_t>(c)] +=
            share * segments_[static_cast<std::size_t>(sc.sources[s].segment)].upstream_flux.rho[c];
    for (std::size_t s = 0; s < sc.segments.size(); ++s) {
      const Segment& seg = sc.segments[s];
      SegmentState& st = segments_[s];
      compute_face_fluxes(seg, sc.numerics, classes, st, work_);
      const bool in_open = seg.upstream.kind == EndKind::Transmissive || seg.upstream.kind == EndKind::Source;
      const bool out_open = seg.downstream.kind == EndKind::Transmissive || seg.downstream.kind == EndKind::Sink;
      for (int c = 0; c < classes; ++c) {
        if (in_open) inflow[c] += share * work_.faces.f_rho[c][0];
        if (out_open) outflow[c] += share * work_.faces.f_rho[c][seg.cells];
      }
      for (std::size_t d = 0; d < sc.detectors.size(); ++d) {
        if (sc.detectors[d].segment != static_cast<int>(s)) continue;
        const int face = sc.detectors[d].face;
        for (int c = 0; c < classes; ++c) detectors_[d].totals.count[c] += share * work_.faces.f_rho[c][face];
      }
      update_cells(seg, classes, dt, stage.a, stage.b, st, work_);
      sanitize(seg, sc, st);
    }
  }

  for (std::size_t s = 0; s < sc.sources.size(); ++s)
    for (int c = 0; c < classes; ++c) {
      const std::size_t k = s * C + static_cast<std::size_t>(c);
      source_queue_[k] = std::max(0.0, source_queue_[k] + dt * source_rate(sc, s, c, t_, seed_) - source_flow_[k]);
    }
  for (int c = 0; c < classes; ++c) {
    const double before = totals_.on_network[c];
    totals_.inflow[c] += inflow[c];
    totals_.outflow[c] += outflow[c];
    totals_.on_network[c] = before + inflow[c] - outflow[c];
    totals_.vehicle_seconds[c] += 0.5 * dt * (before + totals_.on_network[c]);
  }
  pending_relaxation_ = 0.5 * dt;
}

}  // namespace mfg::arz
