#include "simulation.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "relaxation.hpp"
#include "transport.hpp"

namespace mfg::arz {


void PointBuffers::allocate(std::size_t size) {
  constexpr int kArrays = 6 * kMaxClasses + 3;
  data.assign(kArrays * size, 0.0);
  double* next = data.data();
  auto take = [&] { double* a = next; next += size; return a; };
  for (int c = 0; c < kMaxClasses; ++c) {
    values.p[c] = take(), values.v[c] = take(), values.w[c] = take();
    values.f_rho[c] = take(), values.f_y[c] = take(), values.slope[c] = take();
  }
  values.smin = take(), values.smax = take(), values.total = take();
}

void Workspace::allocate(std::size_t longest) {
  for (auto& v : minus) v.assign(longest + 2, 0.0);
  for (auto& v : plus) v.assign(longest + 2, 0.0);
  w.assign(longest + 2 * kGhosts, 0.0);
  for (PointBuffers* b : {&left, &right}) b->allocate(longest + 2);
  flux_data.assign(2 * kMaxClasses * (longest + 1), 0.0);
  for (int c = 0; c < kMaxClasses; ++c) {
    faces.f_rho[c] = flux_data.data() + (2 * c) * (longest + 1);
    faces.f_y[c] = flux_data.data() + (2 * c + 1) * (longest + 1);
  }
}

Simulation::Simulation(std::shared_ptr<const Scenario> scenario, std::uint64_t seed) : scenario_(std::move(scenario)) {
  if (!scenario_) throw std::invalid_argument("Simulation: no scenario (read one with read_scenario)");
  const Scenario& sc = *scenario_;
  std::size_t longest = 0;
  segments_.resize(sc.segments.size());
  for (std::size_t s = 0; s < sc.segments.size(); ++s) {
    const std::size_t n = static_cast<std::size_t>(sc.segments[s].cells);
    longest = std::max(longest, n);
    for (int c = 0; c < sc.class_count(); ++c) {
      segments_[s].rho[c].assign(n + 2 * kGhosts, 0.0);
      segments_[s].y[c].assign(n + 2 * kGhosts, 0.0);
      segments_[s].rho0[c].assign(n + 2 * kGhosts, 0.0);
      segments_[s].y0[c].assign(n + 2 * kGhosts, 0.0);
    }
    segments_[s].cells.allocate(n + 2);
  }
  work_.allocate(longest);
  signals_.resize(sc.junctions.size());
  const std::size_t per_source = sc.sources.size() * static_cast<std::size_t>(sc.class_count());
  source_demand_.assign(per_source, 0.0);
  source_queue_.assign(per_source, 0.0);
  source_flow_.assign(per_source, 0.0);
  detectors_.resize(sc.detectors.size());
  reset(seed);
}

void Simulation::reset(std::uint64_t seed) {
  const Scenario& sc = *scenario_;
  seed_ = seed;
  t_ = 0.0;
  pending_relaxation_ = 0.0;
  totals_ = NetworkTotals{};
  for (std::size_t s = 0; s < sc.segments.size(); ++s) {
    const Segment& seg = sc.segments[s];
    for (int c = 0; c < sc.class_count(); ++c) {
      std::copy(seg.initial_rho[c].begin(), seg.initial_rho[c].end(), segments_[s].cell_rho(c));
      std::copy(seg.initial_y[c].begin(), seg.initial_y[c].end(), segments_[s].cell_y(c));
    }
    segments_[s].pressures_valid = false;
    sanitize(seg, sc, segments_[s]);
    for (int c = 0; c < sc.class_count(); ++c) totals_.on_network[c] += vehicles(static_cast<int>(s), c);
  }
  signal_log_.clear();
  for (std::size_t j = 0; j < sc.junctions.size(); ++j) {
    if (!sc.junctions[j].signalised) continue;
    signals_[j].reset(sc.junctions[j].signal);
    signal_log_.push_back({0.0, static_cast<int>(j), signals_[j].phase(), signals_[j].stage()});
  }
  std::fill(source_queue_.begin(), source_queue_.end(), 0.0);
  for (auto& d : detectors_) d = DetectorState{};
}

int Simulation::step(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0.0)
    throw std::invalid_argument("step: expected a finite number of seconds >= 0, received " + std::to_string(seconds));
  const double target = t_ + seconds;
  int steps = 0;
  while (t_ < target) {
    const double limit = std::min(target, next_event());
    double dt = stable_dt();
    const bool lands = t_ + dt >= limit;
    if (lands) dt = limit - t_;
    advance(dt);
    t_ = lands ? limit : t_ + dt;
    ++steps;
    handle_events();
  }
  // Complete the last Strang half step, so that the state seen between calls is the split solution.
  relax_network(*scenario_, segments_, pending_relaxation_);
  pending_relaxation_ = 0.0;
  return steps;
}

double Simulation::stable_dt() {
  const Scenario& sc = *scenario_;
  double dt = INFINITY;
  for (std::size_t s = 0; s < sc.segments.size(); ++s) {
    const Segment& seg = sc.segments[s];
    double speed = max_speed(seg, sc.class_count(), segments_[s]);
    // Vehicles entering from a source move at up to the free speed of the first cell.
    if (seg.upstream.kind == EndKind::Source)
      for (int c = 0; c < sc.class_count(); ++c) speed = std::max(speed, seg.vmax[c][0]);
    if (speed > 0.0) dt = std::min(dt, sc.numerics.cfl * seg.dx / speed);
  }
  return dt;
}

double Simulation::next_event() const {
  const Scenario& sc = *scenario_;
  double next = INFINITY;
  for (std::size_t j = 0; j < sc.junctions.size(); ++j)
    if (sc.junctions[j].signalised) next = std::min(next, signals_[j].next_change());
  for (std::size_t d = 0; d < sc.detectors.size(); ++d)
    next = std::min(next, detectors_[d].interval_start + sc.detectors[d].interval);
  return next;
}

void Simulation::handle_events() {
  const Scenario& sc = *scenario_;
  for (std::size_t j = 0; j < sc.junctions.size(); ++j)
    if (sc.junctions[j].signalised) signals_[j].advance_to(sc.junctions[j].signal, t_, static_cast<int>(j), &signal_log_);
  for (std::size_t d = 0; d < sc.detectors.size(); ++d) {
    DetectorState& ds = detectors_[d];
    const double end = ds.interval_start + sc.detectors[d].interval;
    if (t_ < end) continue;
    const Detector& det = sc.detectors[d];
    const Segment& seg = sc.segments[static_cast<std::size_t>(det.segment)];
    const int cell = std::min(det.face, seg.cells - 1);
    double free_speed[kMaxClasses];
    for (int c = 0; c < sc.class_count(); ++c) free_speed[c] = seg.vmax[c][static_cast<std::size_t>(cell)];
    ds.records.push_back(aggregate(ds.at_interval_start, ds.totals, sc.class_count(), free_speed, ds.interval_start, end));
    ds.at_interval_start = ds.totals;
    ds.interval_start = end;
  }
}

void Simulation::check_segment(int segment, int cls) const {
  const Scenario& sc = *scenario_;
  if (segment < 0 || segment >= static_cast<int>(sc.segments.size()))
    throw std::invalid_argument("segment index " + std::to_string(segment) + " is out of range (the scenario has " +
                                std::to_string(sc.segments.size()) + " segments)");
  if (cls < 0 || cls >= sc.class_count())
    throw std::invalid_argument("class index " + std::to_string(cls) + " is out of range (the scenario has " +
                                std::to_string(sc.class_count()) + " classes)");
}

void Simulation::density(int segment, int cls, double* out) const {
  check_segment(segment, cls);
  const SegmentState& st = segments_[static_cast<std::size_t>(segment)];
  const int n = scenario_->segments[static_cast<std::size_t>(segment)].cells;
  std::copy(st.cell_rho(cls), st.cell_rho(cls) + n, out);
}

void Simulation::velocity(int segment, int cls, double* out) const {
  check_segment(segment, cls);
  const Segment& seg = scenario_->segments[static_cast<std::size_t>(segment)];
  for (int j = 0; j < seg.cells; ++j) out[j] = cell_velocity(seg, *scenario_, segments_[static_cast<std::size_t>(segment)], cls, j);
}

double Simulation::vehicles(int segment, int cls) const {
  check_segment(segment, cls);
  const Segment& seg = scenario_->segments[static_cast<std::size_t>(segment)];
  const double* rho = segments_[static_cast<std::size_t>(segment)].cell_rho(cls);
  double sum = 0.0;
  for (int j = 0; j < seg.cells; ++j) sum += rho[j];
  return sum * seg.dx;
}

double Simulation::halted(int segment, int cls, double speed) const {
  check_segment(segment, cls);
  const Segment& seg = scenario_->segments[static_cast<std::size_t>(segment)];
  const SegmentState& st = segments_[static_cast<std::size_t>(segment)];
  double sum = 0.0;
  for (int j = 0; j < seg.cells; ++j)
    if (cell_velocity(seg, *scenario_, st, cls, j) < speed) sum += st.cell_rho(cls)[j];
  return sum * seg.dx;
}

NetworkTotals Simulation::totals() const {
  NetworkTotals t = totals_;
  const int classes = scenario_->class_count();
  for (std::size_t s = 0; s < scenario_->sources.size(); ++s)
    for (int c = 0; c < classes; ++c) t.queued[c] += source_queue_[s * static_cast<std::size_t>(classes) + static_cast<std::size_t>(c)];
  return t;
}

void Simulation::set_phase(int junction, int phase) {
  const Scenario& sc = *scenario_;
  if (junction < 0 || junction >= static_cast<int>(sc.junctions.size()))
    throw std::invalid_argument("set_phase: junction index " + std::to_string(junction) + " is out of range (the scenario has " +
                                std::to_string(sc.junctions.size()) + " junctions)");
  const Junction& jn = sc.junctions[static_cast<std::size_t>(junction)];
  if (!jn.signalised) throw std::invalid_argument("set_phase: junction '" + jn.id + "' has no signal");
  if (!jn.signal.external)
    throw std::invalid_argument("set_phase: junction '" + jn.id + "' runs a fixed-time plan; give its signal \"control\": \"external\" to set its phases");
  if (phase < 0 || phase >= static_cast<int>(jn.signal.phases.size()))
    throw std::invalid_argument("set_phase: junction '" + jn.id + "' has phases 0.." + std::to_string(jn.signal.phases.size() - 1) +
                                ", received " + std::to_string(phase));
  signals_[static_cast<std::size_t>(junction)].request(jn.signal, phase, t_, junction, &signal_log_);
}

SignalView Simulation::signal(int junction) const {
  const Scenario& sc = *scenario_;
  if (junction < 0 || junction >= static_cast<int>(sc.junctions.size()) || !sc.junctions[static_cast<std::size_t>(junction)].signalised)
    throw std::invalid_argument("signal: junction index " + std::to_string(junction) + " is not a signalised junction");
  const SignalController& ctl = signals_[static_cast<std::size_t>(junction)];
  return {ctl.phase(), ctl.target(), ctl.stage(), t_ - ctl.stage_start(), ctl.green_mask(sc.junctions[static_cast<std::size_t>(junction)].signal)};
}

const DetectorTotals& Simulation::detector_totals(int detector) const {
  if (detector < 0 || detector >= static_cast<int>(detectors_.size()))
    throw std::invalid_argument("detector index " + std::to_string(detector) + " is out of range (the scenario has " +
                                std::to_string(detectors_.size()) + " detectors)");
  return detectors_[static_cast<std::size_t>(detector)].totals;
}

const std::vector<DetectorRecord>& Simulation::detector_records(int detector) const {
  detector_totals(detector);  // range check
  return detectors_[static_cast<std::size_t>(detector)].records;
}

}  // namespace mfg::arz
