// The C++ API of the ARZ model (no I/O): one simulation of a scenario, stepped by the caller.
//
//   auto parsed = read_scenario(spec_json);            // spec.hpp
//   Simulation sim(parsed.scenario, /*seed=*/7);
//   sim.set_phase(sim.scenario().junction_index("J1"), 1);
//   sim.step(60.0);                                     // exactly 60 s of simulated time
//   const DetectorTotals& d = sim.detector_totals(0);   // cumulative: difference two reads
//
// Time stepping: finite volumes on (rho_i, rho_i w_i) per road (transport.cpp), junction, source and
// sink fluxes from demand and supply (network_flux.cpp), the relaxation integrated exactly and
// Strang-split around each transport step (relaxation.cpp), dt from the CFL condition on the actual
// characteristic speeds, cut so that every signal change, detector interval and the end of step()
// falls on a step boundary. Deterministic: the same scenario, seed and calls give the same bits.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "detectors.hpp"
#include "scenario.hpp"
#include "signal_plan.hpp"

namespace mfg::arz {

// Arrays for the PointValues of up to `size` points.
struct PointBuffers {
  std::vector<double> data;
  PointValues values;
  void allocate(std::size_t size);
};

struct SegmentState {
  std::vector<double> rho[kMaxClasses], y[kMaxClasses];    // cells + 2 kGhosts; cell j at j + kGhosts
  std::vector<double> rho0[kMaxClasses], y0[kMaxClasses];  // the step's start (SSP-RK3)
  FaceFlux upstream_flux, downstream_flux;                 // set by junctions, sources and sinks
  // The cells' (-1..n, offset 1) pressures and what derive() computes from them; the pressures stay
  // valid until the densities change (update_cells), so the CFL speed, the relaxation and a
  // first-order stage share one evaluation per step.
  PointBuffers cells;
  bool pressures_valid = false;
  double* cell_rho(int c) { return rho[c].data() + kGhosts; }
  double* cell_y(int c) { return y[c].data() + kGhosts; }
  const double* cell_rho(int c) const { return rho[c].data() + kGhosts; }
  const double* cell_y(int c) const { return y[c].data() + kGhosts; }
};

// Scratch of one stage on one segment (sized for the longest segment).
struct Workspace {
  std::vector<double> minus[2 * kMaxClasses], plus[2 * kMaxClasses];  // cells -1..n
  std::vector<double> w;                                              // w = y / rho, cells and ghosts
  PointBuffers left, right;                                           // face values
  std::vector<double> flux_data;
  FaceFluxes faces;                                                   // faces 0..n
  void allocate(std::size_t longest);
};

struct SignalView {
  int phase = 0, target = 0;
  SignalStage stage = SignalStage::Green;
  double time_in_stage = 0.0;  // s
  std::uint32_t green = 0;     // mask of the incoming segments allowed to flow now
};

// Cumulative totals since the last reset (veh; vehicle-seconds), per class.
struct NetworkTotals {
  double inflow[kMaxClasses] = {};        // into the network through sources and open (transmissive) ends
  double outflow[kMaxClasses] = {};       // out through sinks and open ends
  double queued[kMaxClasses] = {};        // waiting at sources now (demand the network could not take)
  double vehicle_seconds[kMaxClasses] = {};  // integral of the vehicles on the network over time
  double on_network[kMaxClasses] = {};    // vehicles on the network now
};

class Simulation {
 public:
  explicit Simulation(std::shared_ptr<const Scenario> scenario, std::uint64_t seed = 0);
  // The workspace holds views into its own buffers: moving keeps them valid, copying would not.
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;
  Simulation(Simulation&&) noexcept = default;
  Simulation& operator=(Simulation&&) noexcept = default;

  // Back to t = 0 with the initial state; the seed draws the demand noise (demand.hpp).
  void reset(std::uint64_t seed);
  // Advances exactly `seconds` (>= 0, finite; std::invalid_argument otherwise). Returns the steps taken.
  int step(double seconds);

  double time() const { return t_; }
  std::uint64_t seed() const { return seed_; }
  const Scenario& scenario() const { return *scenario_; }
  const std::shared_ptr<const Scenario>& scenario_ptr() const { return scenario_; }

  // Signals. set_phase needs a junction whose signal has "control": "external"; otherwise, or for an
  // index out of range, it throws std::invalid_argument with a message naming the junction.
  void set_phase(int junction, int phase);
  SignalView signal(int junction) const;
  const std::vector<SignalEvent>& signal_log() const { return signal_log_; }

  // Detectors (indices as in the scenario).
  const DetectorTotals& detector_totals(int detector) const;
  const std::vector<DetectorRecord>& detector_records(int detector) const;

  // State of a segment's cells: density (veh/m) and velocity (m/s; the equilibrium speed in empty cells).
  void density(int segment, int cls, double* out) const;
  void velocity(int segment, int cls, double* out) const;
  double vehicles(int segment, int cls) const;
  // Vehicles of a class on a segment moving slower than `speed` (m/s): the queue.
  double halted(int segment, int cls, double speed) const;
  NetworkTotals totals() const;
  const SegmentState& segment_state(int segment) const { return segments_[static_cast<std::size_t>(segment)]; }

 private:
  friend struct StepKernel;
  void advance(double dt);
  double stable_dt();
  double next_event() const;
  void handle_events();
  void check_segment(int segment, int cls) const;

  std::shared_ptr<const Scenario> scenario_;
  std::uint64_t seed_ = 0;
  double t_ = 0.0, pending_relaxation_ = 0.0;
  std::vector<SegmentState> segments_;
  Workspace work_;
  std::vector<SignalController> signals_;
  std::vector<SignalEvent> signal_log_;
  std::vector<double> source_demand_;  // per source and class, this step (veh/s, queue included)
  std::vector<double> source_queue_;   // per source and class (veh)
  std::vector<double> source_flow_;    // per source and class, accumulated over this step's stages (veh)
  std::vector<DetectorState> detectors_;
  NetworkTotals totals_;
};

}  // namespace mfg::arz
